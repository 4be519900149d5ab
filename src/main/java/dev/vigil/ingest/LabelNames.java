package dev.vigil.ingest;

/**
 * Turns OpenTelemetry names ({@code http.server.duration}, {@code k8s.pod.name}) into Prometheus-style names the
 * way Prometheus' own OTLP receiver does: every character outside the name syntax becomes {@code _}, and a
 * name that would start with a digit gets a leading {@code _}.
 */
final class LabelNames {

    private LabelNames() {
    }

    static String metric(String name) {
        return sanitize(name, true);
    }

    static String label(String name) {
        return sanitize(name, false);
    }

    private static String sanitize(String name, boolean colonAllowed) {
        StringBuilder out = new StringBuilder(name.length() + 1);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || (colonAllowed && c == ':'));
            out.append(ok ? c : '_');
        }
        if (!out.isEmpty() && Character.isDigit(out.charAt(0))) {
            out.insert(0, '_');
        }
        return out.toString();
    }
}
