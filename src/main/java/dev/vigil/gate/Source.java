package dev.vigil.gate;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where an SLO or canary check reads its samples: Vigil's own ingested data ({@code vigil}, the default) or a
 * Prometheus server configured under {@code vigil.gate.providers.prometheus.<provider>} ({@code prometheus}).
 */
public enum Source {
    @JsonProperty("vigil") VIGIL,
    @JsonProperty("prometheus") PROMETHEUS;

    /** The provider a {@code prometheus} check uses when it names none. */
    public static final String DEFAULT_PROVIDER = "default";

    /**
     * Checks the source-specific fields of a check: a {@code prometheus} check needs PromQL and gets a provider name;
     * a {@code vigil} check takes neither.
     *
     * @return the provider name, or null for {@code vigil}
     */
    static String provider(String check, Source source, String provider) {
        if (source == VIGIL) {
            if (provider != null) {
                throw new IllegalArgumentException("check " + check + ": field 'provider' needs 'source: prometheus'");
            }
            return null;
        }
        String p = provider == null ? DEFAULT_PROVIDER : provider;
        if (!p.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
            throw new IllegalArgumentException("check " + check + ": field 'provider' must match "
                    + "[A-Za-z0-9][A-Za-z0-9_-]{0,63}, got '" + p + "'");
        }
        return p;
    }
}
