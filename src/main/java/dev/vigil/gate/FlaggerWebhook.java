package dev.vigil.gate;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The body Flagger POSTs to a webhook ({@code name}, {@code namespace}, {@code phase}, {@code checksum},
 * {@code metadata}), and its mapping to a {@link GateRequest}. Flagger cannot compute versions or commits, so the
 * webhook's {@code metadata} carries them; see docs/gates.md ("Flagger") for the keys. Flagger proceeds on 2xx and
 * halts on anything else: only {@link #proceeds} decides that.
 */
public record FlaggerWebhook(String name, String namespace, String phase, String checksum,
                             Map<String, String> metadata) {

    static final Set<String> KEYS = Set.of("service", "environment", "version", "commit", "previousCommit",
            "repository", "policy", "requestId", "canaryLabel", "baseline", "canary", "metrics", "window",
            "proceedOnWarn", "token");

    public FlaggerWebhook {
        GateRequest.requireToken("name", name, 253);
        GateRequest.requireToken("namespace", namespace, 253);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        for (String key : metadata.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown Flagger metadata key '" + key + "'; known: "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
    }

    /** service: metadata or the canary's name; environment: metadata or the namespace; version: metadata or checksum. */
    public GateRequest toRequest() {
        String version = metadata.getOrDefault("version", checksum);
        if (version == null) {
            throw new IllegalArgumentException("Flagger sent no checksum; set metadata.version");
        }
        return new GateRequest(metadata.get("requestId"), metadata.getOrDefault("service", name),
                metadata.getOrDefault("environment", namespace), version, metadata.getOrDefault("commit", version),
                metadata.get("previousCommit"), metadata.get("repository"), metadata.get("policy"), canary(), null);
    }

    private CanaryRequest canary() {
        String label = metadata.get("canaryLabel");
        if (label == null) {
            return null;
        }
        List<String> metrics = metadata.containsKey("metrics")
                ? Arrays.stream(metadata.get("metrics").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()
                : List.of();
        return new CanaryRequest(label, require("baseline"), require("canary"), metrics, duration("window"), null);
    }

    private String require(String key) {
        String v = metadata.get(key);
        if (v == null) {
            throw new IllegalArgumentException("metadata." + key + " is required when metadata.canaryLabel is set");
        }
        return v;
    }

    private Duration duration(String key) {
        String v = metadata.get(key);
        try {
            return v == null ? null : Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("metadata." + key + " must be an ISO-8601 duration such as PT10M, got '" + v + "'");
        }
    }

    /** The bearer token Flagger sent in {@code metadata.token} (Flagger cannot send an Authorization header). */
    public java.util.Optional<String> token() {
        return java.util.Optional.ofNullable(metadata.get("token"));
    }

    /** Never prints the token: payloads end up in logs. */
    @Override
    public String toString() {
        Map<String, String> shown = new java.util.TreeMap<>(metadata);
        shown.computeIfPresent("token", (k, v) -> "***");
        return "FlaggerWebhook[name=" + name + ", namespace=" + namespace + ", phase=" + phase + ", checksum="
                + checksum + ", metadata=" + shown + "]";
    }

    /**
     * 2xx to Flagger: a PASS, or a WARN when metadata.proceedOnWarn is "true". Everything else halts.
     *
     * @param verdict the verdict that stands (an override's, else the decision's)
     */
    public boolean proceeds(Verdict verdict) {
        Objects.requireNonNull(verdict, "verdict");
        return verdict == Verdict.PASS || (verdict == Verdict.WARN && "true".equals(metadata.get("proceedOnWarn")));
    }
}
