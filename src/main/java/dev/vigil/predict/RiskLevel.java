package dev.vigil.predict;

/**
 * Coarse risk for people and gates. Default cut-offs: LOW below 0.30, HIGH from 0.60, MEDIUM between. 0.30 sits
 * just above the failure base rate of the cold-start training data (23% of commits in qt, openstack and jdt
 * introduced a bug), so LOW means "no riskier than a typical change"; 0.60 means failure is more likely than not
 * with a margin, where a gate should at least warn.
 */
public enum RiskLevel {
    LOW, MEDIUM, HIGH;

    /** Cut-offs, validated: {@code 0 < medium < high < 1}. */
    public record Thresholds(double medium, double high) {
        public Thresholds {
            if (!(medium > 0 && medium < high && high < 1)) {
                throw new IllegalArgumentException("expected 0 < medium < high < 1, got medium " + medium + ", high "
                        + high);
            }
        }

        public static Thresholds defaults() {
            return new Thresholds(0.30, 0.60);
        }

        public RiskLevel of(double probability) {
            return probability >= high ? HIGH : probability >= medium ? MEDIUM : LOW;
        }
    }
}
