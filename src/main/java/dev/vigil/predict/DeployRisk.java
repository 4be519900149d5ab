package dev.vigil.predict;

/**
 * A deploy's failure risk from its commits' probabilities: the probability that at least one commit of the range is
 * defective, {@code (1 - w) x (1 - prod(1 - p_i)) + w x max(p_i)}.
 *
 * <p>Why this form. Whatever the dependence between the commits of one range, P(at least one defective) lies between
 * {@code max(p_i)} (the Fréchet lower bound, reached when the commits fail together: one design mistake spread over a
 * series, one misunderstanding by one author) and {@code 1 - prod(1 - p_i)} (independent commits; positive dependence
 * can only lower it). The formula is exact for a "common cause" model of a range: with probability {@code w} the
 * commits share one cause (commit i is defective when a single uniform draw U falls below p_i), otherwise they fail
 * independently. So {@code w}, the {@code dependence}, has a meaning one can estimate from deploy outcomes (the share of
 * ranges whose defects move together), the result never drops below the riskiest commit, never exceeds the
 * independent bound, and a one-commit range keeps its commit's probability. Plain independence would call every long
 * range near-certain to fail (30 commits at 0.1 each: 0.96), which neither the public JIT data nor deploy histories
 * bear out; with w = 0.5 that range scores 0.53.
 *
 * @param dependence w in [0, 1]: 0 = independent commits, 1 = commits that fail together
 */
public record DeployRisk(double dependence) {

    /** Halfway between the two bounds until a service's outcomes say otherwise ({@code vigil.predict.commit-dependence}). */
    public static final DeployRisk DEFAULT = new DeployRisk(0.5);

    public DeployRisk {
        if (!(dependence >= 0 && dependence <= 1)) {
            throw new IllegalArgumentException("dependence must be in [0, 1], got " + dependence);
        }
    }

    /** The deploy's risk from its commits' failure probabilities (at least one). */
    public double combine(double[] commitProbabilities) {
        if (commitProbabilities.length == 0) {
            throw new IllegalArgumentException("a deploy needs at least one commit probability");
        }
        double allClean = 1;
        double max = 0;
        for (double p : commitProbabilities) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("commit probabilities must be in [0, 1], got " + p);
            }
            allClean *= 1 - p;
            max = Math.max(max, p);
        }
        return (1 - dependence) * (1 - allClean) + dependence * max;
    }
}
