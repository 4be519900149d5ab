package dev.vigil.bench.detect;

import java.util.SplittableRandom;

/**
 * The anomaly-free streams {@link FalseAlarmRate} feeds the shipped detector: each kind is a stationary (or, for
 * the random walk, a driftless) process with nothing in it that a person would call an anomaly, so every alarm
 * raised on it is a false alarm. Scale: level 100, noise sigma 5, except the counts, which are what they are.
 */
enum NoiseKind {

    /** Independent Gaussian noise: the easy case every detector claims to handle. */
    GAUSSIAN("gaussian") {
        @Override
        Source source(SplittableRandom random, long startMillis) {
            return t -> LEVEL + SIGMA * random.nextGaussian();
        }
    },

    /**
     * Student-t with 3 degrees of freedom: finite variance but heavy tails (a 6-sigma value is about 1,000 times
     * more likely than for a Gaussian), as latencies and payload sizes are. Drawn as Z / sqrt(chi2_3 / 3).
     */
    STUDENT_T3("student_t3") {
        @Override
        Source source(SplittableRandom random, long startMillis) {
            return t -> LEVEL + SIGMA * studentT3(random);
        }
    },

    /** A 24-hour sinusoid of amplitude {@value #SEASON_AMPLITUDE_SIGMAS} sigmas (random phase) plus Gaussian noise. */
    DAILY_SEASONAL("daily_seasonal") {
        @Override
        Source source(SplittableRandom random, long startMillis) {
            double phase = 2 * Math.PI * random.nextDouble();
            return t -> {
                double angle = 2 * Math.PI * (t - startMillis) / (double) DAY_MILLIS + phase;
                return LEVEL + SEASON_AMPLITUDE_SIGMAS * SIGMA * Math.sin(angle) + SIGMA * random.nextGaussian();
            };
        }
    },

    /** Poisson counts of mean {@value #POISSON_MEAN}: integer values, many zeros, as a rare-error counter per scrape. */
    POISSON_COUNTS("poisson_counts") {
        @Override
        Source source(SplittableRandom random, long startMillis) {
            double emptyProbability = Math.exp(-POISSON_MEAN);
            return t -> poisson(random, emptyProbability);
        }
    },

    /** A Gaussian random walk (unit increments): no level to return to, like a temperature or a queue backlog. */
    RANDOM_WALK("random_walk") {
        @Override
        Source source(SplittableRandom random, long startMillis) {
            double[] level = {LEVEL};
            return t -> level[0] += random.nextGaussian();
        }
    },

    /**
     * Poisson counts of mean {@value #SPARSE_MEAN} per sample: almost always 0, now and then a 1, rarely a 2, as a
     * crash or error counter of a healthy service. Not one of the deploy service's five kinds.
     */
    SPARSE_COUNTS("sparse_counts", false) {
        @Override
        Source source(SplittableRandom random, long startMillis) {
            double emptyProbability = Math.exp(-SPARSE_MEAN);
            return t -> poisson(random, emptyProbability);
        }
    },

    /**
     * Log-normal values (median 100, log-sd {@value #LOG_SD}): skewed to the right with a long tail, as latencies
     * are. Not one of the deploy service's five kinds.
     */
    LOG_NORMAL("log_normal", false) {
        @Override
        Source source(SplittableRandom random, long startMillis) {
            return t -> LEVEL * Math.exp(LOG_SD * random.nextGaussian());
        }
    },

    /**
     * A stationary AR(1) process (coefficient {@value #AR_COEFFICIENT}, stationary sd {@value #SIGMA}): smooth
     * excursions that always return to the level, as CPU or memory gauges wander. Not one of the deploy service's
     * five kinds.
     */
    AUTOREGRESSIVE("autoregressive", false) {
        @Override
        Source source(SplittableRandom random, long startMillis) {
            double innovation = SIGMA * Math.sqrt(1 - AR_COEFFICIENT * AR_COEFFICIENT);
            double[] deviation = {SIGMA * random.nextGaussian()};
            return t -> LEVEL + (deviation[0] = AR_COEFFICIENT * deviation[0] + innovation * random.nextGaussian());
        }
    };

    static final double LEVEL = 100;
    static final double SIGMA = 5;
    static final double SEASON_AMPLITUDE_SIGMAS = 3;
    static final double POISSON_MEAN = 2;
    static final double SPARSE_MEAN = 0.05;
    static final double LOG_SD = 0.5;
    static final double AR_COEFFICIENT = 0.95;
    static final long DAY_MILLIS = 86_400_000L;

    /**
     * The metric name of the series; none of them matches a specific shipped definition (latency, cpu, error, ...),
     * so the service would judge them all with the catch-all {@code default}, which {@link FalseAlarmRate} checks.
     */
    final String metric;
    /** One of the five kinds the all-noise deploy service is made of (10 series each = the 50 series). */
    final boolean inDeployService;

    NoiseKind(String metric) {
        this(metric, true);
    }

    NoiseKind(String metric, boolean inDeployService) {
        this.metric = metric;
        this.inDeployService = inDeployService;
    }

    /** The value at each sample time, called once per sample in time order. */
    interface Source {
        double next(long epochMillis);
    }

    abstract Source source(SplittableRandom random, long startMillis);

    private static double studentT3(SplittableRandom random) {
        double chi2 = 0;
        for (int i = 0; i < 3; i++) {
            double g = random.nextGaussian();
            chi2 += g * g;
        }
        return random.nextGaussian() / Math.sqrt(chi2 / 3);
    }

    /** Knuth's multiplication method: exact and fast for a small mean. */
    private static double poisson(SplittableRandom random, double emptyProbability) {
        int k = 0;
        double product = random.nextDouble();
        while (product > emptyProbability) {
            k++;
            product *= random.nextDouble();
        }
        return k;
    }
}
