package dev.vigil.gate;

import dev.vigil.core.ChangeSummary;
import java.util.Locale;

/**
 * The {@code text/plain} form of an evaluation, for shell clients that cannot parse JSON. The format is a contract
 * (docs/gates.md, "Text format"): the first line is {@code verdict: <PASS|WARN|FAIL|INCONCLUSIVE|PENDING>}, then
 * {@code key: value} header lines in a fixed order, a blank line, then one block per check. Values never contain a
 * line break, so a client can read the header with {@code sed -n 's/^id: //p'}.
 */
public final class GateDecisionText {

    private GateDecisionText() {
    }

    public static String format(GateEvaluation e) {
        return format(e, null, null);
    }

    /**
     * The evaluation, then the release's change in plain words when Vigil predicted it, as a last block:
     * {@code change: <risk level> <probability> (prediction <id>)}, the summary, then one {@code "  - "} line per
     * top reason.
     *
     * @param pageUrl the signed link to the decision page, or null for none ({@code page: -})
     * @param change  the release's change from its failure prediction, or null for none (no block)
     */
    public static String format(GateEvaluation e, String pageUrl, ChangeSummary change) {
        StringBuilder out = new StringBuilder(decision(e, pageUrl));
        if (change != null) {
            out.append("\nchange: ").append(change.riskLevel()).append(' ').append(number(change.probability()))
                    .append(" (prediction ").append(oneLine(change.predictionId())).append(")\n");
            out.append("  ").append(oneLine(change.summary())).append('\n');
            for (String reason : change.reasons()) {
                out.append("  - ").append(oneLine(reason)).append('\n');
            }
        }
        return out.toString();
    }

    private static String decision(GateEvaluation e, String pageUrl) {
        StringBuilder out = new StringBuilder();
        GateRequest r = e.request();
        GateDecision d = e.decision();
        header(out, "verdict", e.verdictWord());
        header(out, "id", e.id());
        header(out, "status", e.status().name());
        header(out, "score", d == null || d.score() == null ? "-" : String.format(Locale.ROOT, "%.1f", d.score()));
        header(out, "policy", d == null ? "-" : d.policy().name() + " " + d.policy().version());
        header(out, "service", r.service());
        header(out, "environment", r.environment());
        header(out, "version", r.version());
        header(out, "commit", r.commit());
        header(out, "created-at", e.createdAt().toString());
        header(out, "decided-at", d == null ? "-" : d.decidedAt().toString());
        header(out, "url", e.url());
        header(out, "page", pageUrl == null ? "-" : pageUrl);
        header(out, "reason", d == null ? "waiting for evidence" : d.reason());
        header(out, "dry-run", d == null || d.dryRun() == null ? "-" : d.dryRun().verdict().name() + " (not enforced): "
                + d.dryRun().reason());
        header(out, "risk", d == null || d.risk() == null ? "-" : d.risk().summary()
                + (d.risk().applied() && d.risk().dryRun() ? " (dry run, not enforced)" : ""));
        header(out, "requested-by", e.requestedBy() == null ? "-" : e.requestedBy());
        header(out, "override", e.override() == null ? "-" : e.override().describe());
        if (d != null) {
            for (CheckResult c : d.checks()) {
                check(out, c);
            }
        }
        return out.toString();
    }

    private static void check(StringBuilder out, CheckResult c) {
        out.append('\n');
        out.append("check: ").append(oneLine(c.name())).append(' ').append(c.status().name())
                .append(" (").append(c.kind()).append(c.critical() ? ", critical" : "")
                .append(c.dryRun() ? ", dry run" : "").append(")\n");
        out.append("  observed: ").append(c.observed() == null ? "-" : number(c.observed()))
                .append("; ").append(oneLine(c.threshold())).append('\n');
        out.append("  ").append(oneLine(c.explanation())).append('\n');
        for (String detail : c.details()) {
            out.append("  - ").append(oneLine(detail)).append('\n');
        }
    }

    /** Four significant digits without trailing zeros: 50, 0.0123, 1.235e+06. */
    public static String number(double v) {
        String s = String.format(Locale.ROOT, "%.4g", v);
        return s.contains("e") ? s : new java.math.BigDecimal(s).stripTrailingZeros().toPlainString();
    }

    private static void header(StringBuilder out, String key, String value) {
        out.append(key).append(": ").append(oneLine(value)).append('\n');
    }

    /** Line breaks and other control characters would break the line-oriented contract. */
    static String oneLine(String s) {
        return s.replaceAll("\\p{Cntrl}+", " ").strip();
    }
}
