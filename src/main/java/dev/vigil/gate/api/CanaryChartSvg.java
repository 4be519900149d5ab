package dev.vigil.gate.api;

import dev.vigil.gate.DecisionReport;
import java.util.Locale;

/**
 * One canary metric as an inline SVG line chart, drawn on the server: the canary and the baseline samples, each in
 * time order spread evenly over the window, on one shared value axis. Colours are presentation attributes, so the
 * page's Content-Security-Policy needs no inline style for it.
 */
final class CanaryChartSvg {

    static final int WIDTH = 640;
    static final int HEIGHT = 200;
    private static final int LEFT = 64;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;
    static final String CANARY_COLOUR = "#d9480f";
    static final String BASELINE_COLOUR = "#1c7ed6";

    private CanaryChartSvg() {
    }

    static String render(DecisionReport.CanarySeries s) {
        double[] canary = finite(s.canary());
        double[] baseline = finite(s.baseline());
        StringBuilder out = new StringBuilder();
        out.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" data-metric=\"").append(Html.escape(s.metric())).append("\">");
        out.append("<title>").append(Html.escape(s.metric())).append(": canary ").append(canary.length)
                .append(" samples, baseline ").append(baseline.length).append(" samples</title>");
        out.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(WIDTH - LEFT - RIGHT).append("\" height=\"").append(HEIGHT - TOP - BOTTOM)
                .append("\" fill=\"#fff\" stroke=\"#ccc\"/>");
        if (canary.length == 0 && baseline.length == 0) {
            text(out, WIDTH / 2, HEIGHT / 2, "middle", "no samples in the store for this window");
        } else {
            double min = Math.min(min(canary), min(baseline));
            double max = Math.max(max(canary), max(baseline));
            if (max == min) {
                max = min + Math.max(1e-9, Math.abs(min) * 0.1);
            }
            text(out, LEFT - 6, TOP + 10, "end", number(max));
            text(out, LEFT - 6, HEIGHT - BOTTOM, "end", number(min));
            line(out, "baseline", BASELINE_COLOUR, baseline, min, max);
            line(out, "canary", CANARY_COLOUR, canary, min, max);
        }
        text(out, LEFT, HEIGHT - 8, "start", s.from().toString());
        text(out, WIDTH - RIGHT, HEIGHT - 8, "end", s.to().toString());
        return out.append("</svg>").toString();
    }

    private static void line(StringBuilder out, String name, String colour, double[] values, double min, double max) {
        if (values.length == 0) {
            return;
        }
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            double x = LEFT + (values.length == 1 ? plotWidth / 2 : plotWidth * i / (values.length - 1));
            double y = TOP + plotHeight * (1 - (values[i] - min) / (max - min));
            points.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        }
        out.append("<polyline class=\"series\" data-series=\"").append(name).append("\" data-points=\"")
                .append(values.length).append("\" fill=\"none\" stroke=\"").append(colour)
                .append("\" stroke-width=\"2\" points=\"").append(points).append("\"/>");
    }

    private static void text(StringBuilder out, int x, int y, String anchor, String text) {
        out.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" text-anchor=\"").append(anchor)
                .append("\" font-size=\"11\" fill=\"#555\">").append(Html.escape(text)).append("</text>");
    }

    private static double[] finite(double[] values) {
        return java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(Double.POSITIVE_INFINITY);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(Double.NEGATIVE_INFINITY);
    }

    static String number(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
