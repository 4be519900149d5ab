package dev.vigil.git;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Computes the 14 just-in-time features of Kamei et al. (2013) for one commit, as commit-guru mines them.
 * "Touched files" are the files in the diff against the first parent (renames detected). "Prior" means author
 * time strictly earlier than this commit's, among the commits in the {@link HistoryIndex}; a renamed file's
 * history includes its history under the old path. Counts of people and changes include this commit itself, the
 * convention of the public JIT data (its EXP, NDEV, SEXP are never below 1).
 * <ul>
 * <li>NS: distinct subsystems touched; a subsystem is the first path component, "" for files at the root.</li>
 * <li>ND: distinct directories touched (a file's full parent path).</li>
 * <li>NF: files touched (added, deleted, modified or renamed; binary included).</li>
 * <li>Entropy: {@code -sum(p_k * log2 p_k)} over touched files, p_k = file k's added+deleted lines over the
 *     commit's; 0 when no lines changed. Not normalised, as in the public data.</li>
 * <li>LA, LD: lines added, deleted (edit list of a histogram diff; binary and capped files add 0).</li>
 * <li>LT: sum over touched files of their line count in the parent (0 for added files).</li>
 * <li>FIX: 1 when the full message matches {@link ExtractionOptions#fixPattern()}.</li>
 * <li>NDEV: distinct authors (by lower-cased e-mail) of prior changes to the touched files, plus this author.</li>
 * <li>AGE: mean, over touched files with a prior change, of days since that change; 0 when none has one.</li>
 * <li>NUC: distinct prior commits that touched any of the files, plus this one.</li>
 * <li>EXP: the author's prior commits, plus this one.</li>
 * <li>REXP: sum over the author's prior commits of {@code 1 / (n + 1)}, n = whole years before this commit,
 *     plus 1 for this one.</li>
 * <li>SEXP: the author's prior commits that touched any of this commit's subsystems, plus this one.</li>
 * </ul>
 */
public final class JitFeatureExtractor {

    static final double SECONDS_PER_DAY = 86_400;
    static final double SECONDS_PER_YEAR = 365.25 * SECONDS_PER_DAY;

    private final ExtractionOptions options;
    private final CommitDiffer differ;

    public JitFeatureExtractor(ExtractionOptions options) {
        this.options = options;
        this.differ = new CommitDiffer(options);
    }

    /** The index must already hold the commit's history ({@link HistoryIndex#extend}). */
    CommitFeatures extract(Repository repository, RevWalk walk, RevCommit commit, HistoryIndex index,
                           Set<ObjectId> shallow) throws IOException {
        CommitDiffer.Result diff = differ.diff(repository, walk, commit, shallow);
        String author = HistoryIndex.author(commit);
        long time = commit.getAuthorIdent().getWhenAsInstant().getEpochSecond();
        List<FileChange> files = diff.files();
        Set<String> subsystems = files.stream().map(FileChange::subsystem).collect(Collectors.toSet());
        double fix = options.fixPattern().matcher(commit.getFullMessage()).find() ? 1 : 0;
        double[] size = sizeFeatures(files);
        double[] history = historyFeatures(files, author, time, subsystems, index);
        ChangeFeatures features = new ChangeFeatures(subsystems.size(),
                files.stream().map(FileChange::directory).distinct().count(), files.size(), size[0], size[1],
                size[2], size[3], fix, history[0], history[1], history[2], history[3], history[4], history[5]);
        return new CommitFeatures(commit.name(), author, time, files, features, diff.flags());
    }

    /** entropy, la, ld, lt. */
    static double[] sizeFeatures(List<FileChange> files) {
        double la = files.stream().mapToInt(FileChange::added).sum();
        double ld = files.stream().mapToInt(FileChange::deleted).sum();
        double lt = files.stream().mapToInt(FileChange::linesBefore).sum();
        return new double[] {entropy(files.stream().mapToDouble(FileChange::churn).toArray()), la, ld, lt};
    }

    static double entropy(double[] churnPerFile) {
        double total = 0;
        for (double c : churnPerFile) {
            total += c;
        }
        double h = 0;
        for (double c : churnPerFile) {
            if (c > 0) {
                double p = c / total;
                h -= p * Math.log(p) / Math.log(2);
            }
        }
        return h;
    }

    /** ndev, age, nuc, exp, rexp, sexp. */
    private static double[] historyFeatures(List<FileChange> files, String author, long time,
                                            Set<String> subsystems, HistoryIndex index) {
        Set<String> developers = new HashSet<>(Set.of(author));
        Set<Integer> changes = new HashSet<>();
        double ageDays = 0;
        int filesWithHistory = 0;
        for (FileChange file : files) {
            Set<String> names = file.oldPath() == null || file.oldPath().equals(file.path())
                    ? Set.of(file.path()) : Set.of(file.path(), file.oldPath());
            long last = Long.MIN_VALUE;
            for (HistoryIndex.Touch touch : index.priorTouches(names, time)) {
                developers.add(touch.author());
                changes.add(touch.commit());
                last = Math.max(last, touch.time());
            }
            if (last != Long.MIN_VALUE) {
                ageDays += (time - last) / SECONDS_PER_DAY;
                filesWithHistory++;
            }
        }
        List<HistoryIndex.Authored> prior = index.priorCommits(author, time);
        double rexp = 1;
        int sexp = 1;
        for (HistoryIndex.Authored a : prior) {
            rexp += 1.0 / (Math.floor((time - a.time()) / SECONDS_PER_YEAR) + 1);
            sexp += a.subsystems().stream().anyMatch(subsystems::contains) ? 1 : 0;
        }
        double age = filesWithHistory == 0 ? 0 : ageDays / filesWithHistory;
        return new double[] {developers.size(), age, changes.size() + 1, prior.size() + 1, rexp, sexp};
    }

    /** Sums per-file churn over several commits, for range entropy. */
    static Map<String, Double> churnByPath(List<CommitFeatures> commits) {
        Map<String, Double> churn = new HashMap<>();
        for (CommitFeatures c : commits) {
            for (FileChange f : c.files()) {
                churn.merge(f.path(), (double) f.churn(), Double::sum);
            }
        }
        return churn;
    }
}
