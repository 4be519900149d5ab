package dev.vigil.predict;

import dev.vigil.git.ChangeFeatures;
import dev.vigil.git.FileChange;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Explanations in plain words, built from a feature's contribution and the change's own facts (its files,
 * directories, lines, authors' experience), so a release manager can act without the feature glossary:
 * "touches 14 files in 5 directories (src/net, src/io, docs) that 1 developer has worked on (raises the risk)".
 *
 * <p>Counts follow the feature definitions (docs/prediction.md): NDEV, NUC, EXP and SEXP include the change itself,
 * so "earlier changes" is the count minus one.
 */
public final class ChangeReasons {

    /** Directories named in a sentence, most-changed first. */
    static final int NAMED_DIRECTORIES = 3;

    private final ChangeFeatures change;
    private final ServiceFeatures service;
    private final List<String> directories;

    /**
     * @param change  the features of the scored change
     * @param service the service features, or null when they were not used
     * @param files   the files the change touches (may be empty when unknown)
     */
    public ChangeReasons(ChangeFeatures change, ServiceFeatures service, List<FileChange> files) {
        this.change = change;
        this.service = service;
        this.directories = directoriesByChurn(files);
    }

    /** One line naming the change: size, spread, ownership and the author's experience. */
    public String summary() {
        return String.format(Locale.ROOT, "%s, %s, %s", spread(), lines(), authorExperience());
    }

    /** The contribution in plain words, with its direction, e.g. "adds 3,000 lines (raises the risk)". */
    public String reason(FeatureContribution c) {
        return facts(c.feature()) + (c.direction() == FeatureContribution.Direction.RAISES
                ? " (raises the risk)" : " (lowers the risk)");
    }

    private String facts(String feature) {
        return switch (feature) {
            case "la", "ld" -> lines();
            case "lt" -> "edits files that had " + count(change.lt(), "line") + " before";
            case "entropy" -> change.nf() <= 1 ? "concentrates its edits in one file"
                    : String.format(Locale.ROOT, "spreads its edits over %s (entropy %.2f of at most %.2f)",
                    count(change.nf(), "file"), change.entropy(), Math.log(change.nf()) / Math.log(2));
            case "ns", "nd", "nf" -> spread();
            case "ndev" -> "touches files that " + count(change.ndev(), "developer") + " " + have(change.ndev())
                    + " worked on";
            case "nuc" -> "touches files changed in " + count(change.nuc() - 1, "earlier commit");
            case "age" -> change.age() == 0 ? "touches only files with no earlier change"
                    : String.format(Locale.ROOT, "touches files last changed %s ago on average", count(change.age(), "day"));
            case "exp", "rexp", "sexp" -> authorExperience();
            case "fix" -> change.fix() == 1 ? "is a bug fix" : "is not a bug fix";
            default -> serviceFacts(feature);
        };
    }

    private String serviceFacts(String feature) {
        if (service == null) {
            return FeatureGlossary.describe(feature);
        }
        return switch (feature) {
            case "failure_rate" -> String.format(Locale.ROOT, "%.0f%% of the service's recent deploys failed",
                    100 * service.failureRate());
            case "deploys_per_day" -> String.format(Locale.ROOT, "the service deploys %.1f times a day",
                    service.deploysPerDay());
            case "days_since_failure" -> service.daysSinceFailure() >= 365 ? "no deploy failed in the last year"
                    : "the last failed deploy was " + count(service.daysSinceFailure(), "day") + " ago";
            case "open_anomalies" -> count(service.openAnomalies(), "anomaly", "anomalies") + " "
                    + (service.openAnomalies() == 1 ? "is" : "are") + " open on the service";
            case "hour_of_day" -> String.format(Locale.ROOT, "deployed at %02d:00", (int) service.hourOfDay());
            case "day_of_week" -> "deployed on a " + DayOfWeek.of(Math.max(1, Math.min(7, (int) service.dayOfWeek())))
                    .getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            default -> FeatureGlossary.describe(feature);
        };
    }

    private String spread() {
        String named = directories.isEmpty() ? "" : " (" + String.join(", ", directories.subList(0,
                Math.min(NAMED_DIRECTORIES, directories.size())))
                + (directories.size() > NAMED_DIRECTORIES ? ", ..." : "") + ")";
        String subsystems = change.ns() > 1 ? " across " + count(change.ns(), "subsystem") : "";
        return "touches " + count(change.nf(), "file") + " in " + count(change.nd(), "directory", "directories")
                + named + subsystems + " that " + count(change.ndev(), "developer") + " " + have(change.ndev())
                + " worked on";
    }

    private String lines() {
        return "adds " + count(change.la(), "line") + " and deletes " + String.format(Locale.ROOT, "%,d",
                Math.round(change.ld()));
    }

    private String authorExperience() {
        long earlier = Math.round(change.exp()) - 1;
        if (earlier <= 0) {
            return "is its author's first change";
        }
        return "by an author with " + count(earlier, "earlier change") + " ("
                + String.format(Locale.ROOT, "%,d", Math.max(0, Math.round(change.sexp()) - 1)) + " in these subsystems)";
    }

    private static String have(double n) {
        return Math.round(n) == 1 ? "has" : "have";
    }

    static String count(double n, String singular) {
        return count(n, singular, singular + "s");
    }

    static String count(double n, String singular, String plural) {
        long rounded = Math.round(n);
        return String.format(Locale.ROOT, "%,d %s", rounded, rounded == 1 ? singular : plural);
    }

    /** A file's directory is its parent path ("/" for top-level files), ranked by lines changed there. */
    static List<String> directoriesByChurn(List<FileChange> files) {
        Map<String, Integer> churn = files.stream().collect(Collectors.toMap(ChangeReasons::directory,
                f -> f.added() + f.deleted(), Integer::sum, LinkedHashMap::new));
        return churn.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Integer> e) -> -e.getValue())
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey).toList();
    }

    private static String directory(FileChange f) {
        int slash = f.path().lastIndexOf('/');
        return slash < 0 ? "/" : f.path().substring(0, slash);
    }
}
