package dev.vigil.gate.api;

import dev.vigil.gate.CheckResult;
import dev.vigil.gate.DecisionReport;
import dev.vigil.gate.DeployRiskReport;
import dev.vigil.gate.Evidence;
import dev.vigil.gate.GateDecision;
import dev.vigil.gate.GateDecisionText;
import dev.vigil.gate.GateEvaluation;
import dev.vigil.gate.GateRequest;
import dev.vigil.gate.GateThresholds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The decision page as one self-contained HTML document: inline CSS (allowed by its hash in the
 * Content-Security-Policy, {@link #CSP}), inline SVG charts, no script, no external resource. Every value from the
 * decision is escaped.
 */
final class DecisionPageHtml {

    static final String CSS = """
            body{font-family:system-ui,sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#222}
            h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ddd}
            .verdict{display:inline-block;padding:.15em .6em;border-radius:.3em;color:#fff;font-weight:bold}
            .PASS{background:#2b8a3e}.WARN{background:#e67700}.FAIL{background:#c92a2a}
            .INCONCLUSIVE,.ERROR,.PENDING{background:#495057}
            table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
            th{background:#f1f3f5}.muted{color:#666}.legend span{margin-right:1.5em}
            .canary{color:#d9480f}.baseline{color:#1c7ed6}code{font-size:.9em}
            """;

    /** Nothing may load or run; only the inline style sheet above applies. */
    static final String CSP = "default-src 'none'; style-src '" + sha256(CSS) + "'; img-src 'none'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private DecisionPageHtml() {
    }

    static String render(DecisionReport report) {
        GateEvaluation e = report.evaluation();
        GateRequest r = e.request();
        GateDecision d = e.decision();
        StringBuilder out = new StringBuilder(16_384);
        start(out, "Vigil decision " + e.verdictWord() + ": " + r.service() + " " + r.version());
        out.append("<h1>Gate decision <span id=\"verdict\" class=\"verdict ").append(e.verdictWord()).append("\">")
                .append(e.verdictWord()).append("</span></h1>\n");
        summary(out, report, d);
        deploy(out, e, r);
        checks(out, d);
        windows(out, report.windows());
        charts(out, report.canaries());
        risk(out, report.risk());
        anomalies(out, report);
        notes(out, report.notes());
        return out.append("</body></html>\n").toString();
    }

    private static void summary(StringBuilder out, DecisionReport report, GateDecision d) {
        out.append("<table id=\"summary\">");
        row(out, "Score", d == null || d.score() == null ? "-" : String.format(Locale.ROOT, "%.1f", d.score()));
        row(out, "Reason", d == null ? "waiting for evidence" : d.reason());
        if (d != null && d.dryRun() != null) {
            row(out, "Dry run", d.dryRun().verdict() + " (not enforced): " + d.dryRun().reason());
        }
        row(out, "Policy", d == null ? "-" : d.policy().name() + " " + d.policy().version());
        row(out, "Thresholds", report.policy().map(p -> thresholds(p.thresholds()))
                .orElse("not known (the policy has changed since)"));
        out.append("</table>\n");
    }

    private static String thresholds(GateThresholds t) {
        return "pass at score >= " + GateDecisionText.number(t.pass()) + ", warn at >= "
                + GateDecisionText.number(t.warn()) + ", fail below";
    }

    private static void deploy(StringBuilder out, GateEvaluation e, GateRequest r) {
        out.append("<h2>Deploy</h2><table id=\"deploy\">");
        row(out, "Service", r.service());
        row(out, "Version", r.version());
        row(out, "Environment", r.environment());
        row(out, "Commit", r.commit());
        if (r.previousCommit() != null) {
            row(out, "Previous commit", r.previousCommit());
        }
        if (r.repository() != null) {
            row(out, "Repository", r.repository());
        }
        row(out, "Deployed at", r.deployedAt() == null ? "-" : r.deployedAt().toString());
        row(out, "Evaluated", e.createdAt() + (e.decision() == null ? "" : ", decided " + e.decision().decidedAt()));
        row(out, "Evaluation id", e.id());
        out.append("</table>\n");
    }

    private static void checks(StringBuilder out, GateDecision d) {
        out.append("<h2>Checks</h2>");
        if (d == null) {
            out.append("<p class=\"muted\">No check has decided yet.</p>\n");
            return;
        }
        out.append("<table id=\"checks\"><tr><th>Check</th><th>Status</th><th>Observed</th><th>Limits</th>"
                + "<th>Reason</th></tr>");
        for (CheckResult c : d.checks()) {
            out.append("<tr class=\"check\" data-check=\"").append(Html.escape(c.name())).append("\"><td>")
                    .append(Html.escape(c.name())).append("<br><span class=\"muted\">").append(Html.escape(c.kind()))
                    .append(c.critical() ? ", critical" : "").append(c.dryRun() ? ", dry run (not enforced)" : "")
                    .append("</span></td><td><span class=\"verdict ").append(c.status().name()).append("\">")
                    .append(c.status().name()).append("</span></td><td>")
                    .append(c.observed() == null ? "-" : GateDecisionText.number(c.observed())).append("</td><td>")
                    .append(Html.escape(c.threshold())).append("</td><td class=\"reason\">")
                    .append(Html.escape(c.explanation()));
            if (!c.details().isEmpty()) {
                out.append("<ul>");
                c.details().forEach(x -> out.append("<li>").append(Html.escape(x)).append("</li>"));
                out.append("</ul>");
            }
            out.append("</td></tr>");
        }
        out.append("</table>\n");
    }

    private static void windows(StringBuilder out, List<DecisionReport.Window> windows) {
        if (windows.isEmpty()) {
            return;
        }
        out.append("<h2>Evidence windows</h2><table id=\"windows\"><tr><th>Check</th><th>Kind</th><th>From</th>"
                + "<th>To</th></tr>");
        for (DecisionReport.Window w : windows) {
            out.append("<tr><td>").append(Html.escape(w.check())).append("</td><td>").append(Html.escape(w.kind()))
                    .append("</td><td>").append(w.from()).append("</td><td>").append(w.to()).append("</td></tr>");
        }
        out.append("</table>\n");
    }

    private static void charts(StringBuilder out, List<DecisionReport.CanarySeries> series) {
        if (series.isEmpty()) {
            return;
        }
        out.append("<h2>Canary against baseline</h2>\n");
        for (DecisionReport.CanarySeries s : series) {
            out.append("<figure id=\"chart-").append(Html.escape(s.check())).append('-').append(Html.escape(s.metric()))
                    .append("\"><figcaption>").append(Html.escape(s.metric())).append(" <span class=\"muted\">(check ")
                    .append(Html.escape(s.check())).append(")</span><div class=\"legend\"><span class=\"canary\">"
                            + "&#9632; canary ").append(Html.escape(s.label() + "=" + s.canaryValue()))
                    .append("</span><span class=\"baseline\">&#9632; baseline ")
                    .append(Html.escape(s.label() + "=" + s.baselineValue())).append("</span></div>"
                            + "<span class=\"muted\">Each side's samples in time order, evenly spaced across the "
                            + "canary window.</span></figcaption>")
                    .append(CanaryChartSvg.render(s)).append("</figure>\n");
        }
    }

    private static void risk(StringBuilder out, Optional<DeployRiskReport> risk) {
        out.append("<h2>Predicted risk</h2><div id=\"risk\">");
        if (risk.isEmpty()) {
            out.append("<p class=\"muted\">No failure prediction is stored for this version and commit.</p></div>\n");
            return;
        }
        DeployRiskReport p = risk.get();
        out.append("<p><strong>").append(Html.escape(p.level())).append("</strong>: predicted failure probability ")
                .append(String.format(Locale.ROOT, "%.2f", p.probability())).append(" <span class=\"muted\">(model ")
                .append(Html.escape(p.modelVersion())).append(", ").append(p.predictedAt()).append(")</span></p>");
        if (!p.reasons().isEmpty()) {
            out.append("<ul>");
            p.reasons().forEach(x -> out.append("<li>").append(Html.escape(x)).append("</li>"));
            out.append("</ul>");
        }
        out.append("</div>\n");
    }

    private static void anomalies(StringBuilder out, DecisionReport report) {
        if (report.windows().stream().noneMatch(w -> w.kind().equals("anomalies"))) {
            return;
        }
        out.append("<h2>Anomalies in the windows</h2>");
        if (report.anomalies().isEmpty()) {
            out.append("<p id=\"anomalies\" class=\"muted\">None open in the anomaly windows.</p>\n");
            return;
        }
        out.append("<table id=\"anomalies\"><tr><th>Severity</th><th>Metric</th><th>Detected</th><th>Ended</th>"
                + "<th>Summary</th></tr>");
        for (Evidence.OpenAnomaly a : report.anomalies()) {
            out.append("<tr><td>").append(Html.escape(a.severity().wireName())).append("</td><td>")
                    .append(Html.escape(a.metric())).append("</td><td>").append(a.detectedAt()).append("</td><td>")
                    .append(a.endedAt() == null ? "open" : a.endedAt().toString()).append("</td><td>")
                    .append(Html.escape(a.summary())).append(" <span class=\"muted\">(").append(Html.escape(a.id()))
                    .append(")</span></td></tr>");
        }
        out.append("</table>\n");
    }

    private static void notes(StringBuilder out, List<String> notes) {
        if (notes.isEmpty()) {
            return;
        }
        out.append("<h2>Notes</h2><ul id=\"notes\">");
        notes.forEach(n -> out.append("<li>").append(Html.escape(n)).append("</li>"));
        out.append("</ul>\n");
    }

    /** The page for a link that is not (or no longer) valid, and for a decision that is gone: it says nothing more. */
    static String refusal(String sentence) {
        StringBuilder out = new StringBuilder();
        start(out, "Vigil");
        return out.append("<p>").append(Html.escape(sentence)).append("</p></body></html>\n").toString();
    }

    private static void start(StringBuilder out, String title) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"referrer\" "
                + "content=\"no-referrer\"><meta name=\"viewport\" content=\"width=device-width\"><title>")
                .append(Html.escape(title)).append("</title><style>").append(CSS).append("</style></head><body>\n");
    }

    private static void row(StringBuilder out, String key, String value) {
        out.append("<tr><th>").append(Html.escape(key)).append("</th><td>").append(Html.escape(value))
                .append("</td></tr>");
    }

    private static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
