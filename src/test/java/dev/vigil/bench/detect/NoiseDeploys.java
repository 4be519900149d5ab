package dev.vigil.bench.detect;

import dev.vigil.core.Severity;
import dev.vigil.gate.AnomaliesCheck;
import dev.vigil.gate.CheckResult;
import dev.vigil.gate.CheckStatus;
import dev.vigil.gate.Evidence;
import dev.vigil.gate.GateCheck;
import dev.vigil.gate.GateDecision;
import dev.vigil.gate.GateEvaluator;
import dev.vigil.gate.GatePolicy;
import dev.vigil.gate.GateRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Deploys at random times of services whose every metric is noise, judged by the gate's own
 * {@link GateEvaluator} with a shipped policy: any FAIL or WARN is caused by false alarms alone.
 *
 * <p>The gate reads anomalies through its {@link Evidence.Anomalies} port; in the server that port is
 * {@code gate.service.StoredAnomalies} over {@code detect.service.AnomalyRepository}, which needs a database. {@link StoreAsOf}
 * answers the same query from the tracker's alarms instead, reproducing those two classes' rule: an anomaly counts
 * when it was open at some moment of [from, to) (started before {@code to}, not ended before {@code from}), with its
 * severity as stored at the evaluation time (one scale for detection and the gate), and every series of
 * the service counting for every environment (the noise series carry no environment label).
 */
final class NoiseDeploys {

    static final String ENVIRONMENT = "noise";
    private static final long DAY_MILLIS = 86_400_000L;

    private NoiseDeploys() {
    }

    /** One alarm of one series of a service. */
    record ServiceAlarm(String metric, Alarm alarm) {
    }

    /**
     * A service: its name and the alarms of all its series, sorted by start, with the longest time from an alarm's
     * start to its close (alarms still open at the end of the data are kept apart), so a query only scans the alarms
     * that can overlap its window.
     */
    record Service(String name, int seriesCount, List<ServiceAlarm> closed, long[] starts, long maxSpanMillis,
                   List<ServiceAlarm> open) {

        static Service of(String name, int seriesCount, List<ServiceAlarm> alarms) {
            List<ServiceAlarm> closed = alarms.stream().filter(a -> a.alarm().closedMillis() != Long.MAX_VALUE)
                    .sorted(Comparator.comparingLong(a -> a.alarm().startMillis())).toList();
            long[] starts = closed.stream().mapToLong(a -> a.alarm().startMillis()).toArray();
            long maxSpan = closed.stream().mapToLong(a -> a.alarm().closedMillis() - a.alarm().startMillis()).max()
                    .orElse(0);
            List<ServiceAlarm> open = alarms.stream().filter(a -> a.alarm().closedMillis() == Long.MAX_VALUE).toList();
            return new Service(name, seriesCount, closed, starts, maxSpan, open);
        }

        /** Alarms that may have been open at some moment of [from, to]: a superset, the caller checks exactly. */
        List<ServiceAlarm> candidates(long from, long to) {
            int lo = firstAtOrAfter(from - maxSpanMillis);
            int hi = firstAtOrAfter(to + 1);
            List<ServiceAlarm> out = new ArrayList<>(closed.subList(lo, hi));
            out.addAll(open);
            return out;
        }

        private int firstAtOrAfter(long t) {
            int i = Arrays.binarySearch(starts, t);
            if (i < 0) {
                return -i - 1;
            }
            while (i > 0 && starts[i - 1] == t) {
                i--;
            }
            return i;
        }
    }

    /**
     * Counts over all deploys of one sampling interval.
     *
     * @param failCi95         95% confidence interval of the FAIL fraction, from batch means over (service, day)
     *                         blocks, because deploys close in time share their anomalies and are not independent;
     *                         with no FAIL at all, [0, 3 / W] for W independent look-back windows (rule of three)
     * @param anomaliesBehindFail distinct anomalies (warning or worse) in the window of a failed deploy: the number
     *                         of independent events the FAIL fraction rests on
     */
    record Outcome(int deploys, int fail, int warn, int pass, int other, int criticalCheckFailed,
                   int majorCheckFailed, int majorCheckWarned, double[] failCi95, int anomaliesBehindFail) {

        double fraction(int count) {
            return count / (double) deploys;
        }
    }

    /**
     * Evaluates {@code deploys} deploys, each of a random service at a uniformly random millisecond of
     * [fromMillis, toMillis), the gate evaluated at the deploy instant (as the pipeline plug-ins ask right after
     * deploying; with the default policy's {@code after: PT0S} the window then ends at the deploy).
     */
    static Outcome run(GatePolicy policy, List<Service> services, long fromMillis, long toMillis, int deploys,
                       long seed) {
        long windows = services.size() * (toMillis - fromMillis) / Math.max(1, lookBack(policy).toMillis());
        SplittableRandom random = new SplittableRandom(seed);
        int days = (int) Math.ceil((toMillis - fromMillis) / (double) DAY_MILLIS);
        int[][] blockDeploys = new int[services.size()][days];
        int[][] blockFails = new int[services.size()][days];
        int fail = 0, warn = 0, pass = 0, other = 0, criticalFailed = 0, majorFailed = 0, majorWarned = 0;
        Set<String> behindFail = new HashSet<>();
        for (int d = 0; d < deploys; d++) {
            int s = random.nextInt(services.size());
            long at = random.nextLong(fromMillis, toMillis);
            StoreAsOf store = new StoreAsOf(services.get(s), at);
            GateDecision decision = evaluate(policy, services.get(s).name(), store, at);
            int day = (int) ((at - fromMillis) / DAY_MILLIS);
            blockDeploys[s][day]++;
            switch (decision.verdict()) {
                case FAIL -> {
                    fail++;
                    blockFails[s][day]++;
                    store.answered.stream().filter(a -> a.severity().atLeast(Severity.WARNING))
                            .forEach(a -> behindFail.add(a.id()));
                }
                case WARN -> warn++;
                case PASS -> pass++;
                default -> other++;
            }
            for (CheckResult c : decision.checks()) {
                boolean criticalSeverity = isCriticalSeverityCheck(policy, c.name());
                criticalFailed += criticalSeverity && c.status() == CheckStatus.FAIL ? 1 : 0;
                majorFailed += !criticalSeverity && c.status() == CheckStatus.FAIL ? 1 : 0;
                majorWarned += !criticalSeverity && c.status() == CheckStatus.WARN ? 1 : 0;
            }
        }
        return new Outcome(deploys, fail, warn, pass, other, criticalFailed, majorFailed, majorWarned,
                batchMeansCi(blockDeploys, blockFails, Math.min(deploys, windows)), behindFail.size());
    }

    /** The longest look-back of the policy's anomaly checks: deploys start that long after the burn-in. */
    static Duration lookBack(GatePolicy policy) {
        return policy.checks().stream().filter(AnomaliesCheck.class::isInstance).map(AnomaliesCheck.class::cast)
                .map(AnomaliesCheck::before).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** Describes the policy's anomaly checks in one line each, for the report. */
    static List<String> describe(GatePolicy policy) {
        List<String> lines = new ArrayList<>();
        for (GateCheck c : policy.checks()) {
            if (c instanceof AnomaliesCheck a) {
                lines.add(String.format("%s: %s or worse open within [deploy - %s, deploy + %s]; %s%s", a.name(),
                        a.minSeverity().wireName(), a.before(), a.after(), a.limits().describe(),
                        a.critical() ? "; critical (a FAIL fails the gate)" : ""));
            } else {
                lines.add(c.name() + ": kind " + c.kind() + " (not an anomaly check)");
            }
        }
        return lines;
    }

    private static GateDecision evaluate(GatePolicy policy, String service, StoreAsOf store, long atMillis) {
        Evidence.Metrics noMetrics = (selector, from, to) -> {
            throw new UnsupportedOperationException("the noise services have no SLO metrics");
        };
        Evidence.Releases noReleases = (svc, env, version, before) -> Optional.empty();
        GateEvaluator gate = new GateEvaluator(store, noMetrics, noReleases, Optional.empty());
        Instant at = Instant.ofEpochMilli(atMillis);
        GateRequest request = new GateRequest(null, service, ENVIRONMENT, "v2", "0000000000000000000000000000000000000002",
                null, null, policy.name(), null, at);
        return gate.evaluate(request, policy, at);
    }

    private static boolean isCriticalSeverityCheck(GatePolicy policy, String checkName) {
        return policy.checks().stream().anyMatch(c -> c.name().equals(checkName) && c instanceof AnomaliesCheck a
                && a.minSeverity() == Severity.CRITICAL);
    }

    /**
     * 95% interval of the FAIL fraction from the spread of the per-block fractions (normal approximation over the
     * blocks that had deploys), clipped to [0, 1]. With no failure at all the spread says nothing: then [0, 3 / W]
     * (rule of three) for W independent samples, the deploys or the look-back windows the time holds if fewer.
     */
    private static double[] batchMeansCi(int[][] deploys, int[][] fails, long independent) {
        List<Double> fractions = new ArrayList<>();
        for (int s = 0; s < deploys.length; s++) {
            for (int d = 0; d < deploys[s].length; d++) {
                if (deploys[s][d] > 0) {
                    fractions.add(fails[s][d] / (double) deploys[s][d]);
                }
            }
        }
        int n = fractions.size();
        double mean = fractions.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        if (mean == 0) {
            return new double[] {0, Math.min(1, 3.0 / Math.max(1, independent))};
        }
        double var = fractions.stream().mapToDouble(f -> (f - mean) * (f - mean)).sum() / (n - 1);
        double half = 1.96 * Math.sqrt(var / n);
        return new double[] {Math.max(0, mean - half), Math.min(1, mean + half)};
    }

    /**
     * The anomalies port as the store would have answered at {@code asOfMillis}: only anomalies already opened by
     * then, with the severity and end they had then. Remembers what it answered, to name the anomalies behind a FAIL.
     */
    static final class StoreAsOf implements Evidence.Anomalies {
        private final Service service;
        private final long asOfMillis;
        private List<Evidence.OpenAnomaly> answered = List.of();

        StoreAsOf(Service service, long asOfMillis) {
            this.service = service;
            this.asOfMillis = asOfMillis;
        }

        @Override
        public List<Evidence.OpenAnomaly> open(String service, String environment, Instant from, Instant to) {
            List<Evidence.OpenAnomaly> open = new ArrayList<>();
            for (ServiceAlarm sa : this.service.candidates(from.toEpochMilli(), to.toEpochMilli())) {
                Alarm a = sa.alarm();
                Severity stored = a.severityAt(asOfMillis);
                Long endedAt = a.endedAt(asOfMillis);
                boolean startedBefore = a.startMillis() < to.toEpochMilli();
                boolean notEndedBefore = endedAt == null || endedAt >= from.toEpochMilli();
                if (stored != null && startedBefore && notEndedBefore) {
                    open.add(new Evidence.OpenAnomaly(sa.metric() + "@" + a.startMillis(), sa.metric(),
                            stored, Instant.ofEpochMilli(a.startMillis()),
                            endedAt == null ? null : Instant.ofEpochMilli(endedAt), a.peakScoreAt(asOfMillis), "noise"));
                }
            }
            answered = open;
            return open;
        }

        @Override
        public int seriesCount(String service, String environment) {
            return this.service.seriesCount();
        }
    }
}
