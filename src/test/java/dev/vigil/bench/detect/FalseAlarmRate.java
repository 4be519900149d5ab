package dev.vigil.bench.detect;

import dev.vigil.core.SeriesKey;
import dev.vigil.core.Severity;
import dev.vigil.detect.AnomalyScore;
import dev.vigil.detect.Detector;
import dev.vigil.detect.definition.DefinitionLoader;
import dev.vigil.detect.definition.DefinitionSet;
import dev.vigil.detect.definition.DetectorDefinition;
import dev.vigil.detect.event.AnomalyTracker;
import dev.vigil.gate.GatePolicy;
import dev.vigil.gate.policy.PolicyLoader;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * False alarms of the shipped detector configuration on streams with no anomaly in them (issue 18, items 1 and 6):
 * alarms per series per day, by the highest severity each anomaly reached, for eight kinds of noise (five make up the deploy service) at several
 * sampling intervals, and the share of deploys of an all-noise 50-series service that the default gate policy
 * fails or warns on. Every alarm here is false, so these are the rates a user sees on healthy metrics.
 *
 * <p>Each series runs through exactly what the detection service runs: the definition the shipped
 * {@code detectors/} directory selects for it ({@code default} for these metric names; checked), its
 * {@code newDetector()}, and an {@link AnomalyTracker} with the definition's severity mapping and the service's
 * {@code close-after-points}. The first day of each series is a burn-in, reported apart (a new series' first day
 * is also real, but the steady rate is what a budget per day is about). Seeds and timestamps are fixed: two runs
 * print the same figures.
 *
 * <p>Run with {@code bench/detect/false-alarms.sh}; system properties {@code vigil.bench.series} (per kind and
 * interval, a multiple of 10, default 40), {@code vigil.bench.days} (counted days after the burn-in, default 30),
 * {@code vigil.bench.intervals} (seconds, default 10,60,300), {@code vigil.bench.deploys} (per interval, default
 * 10000), {@code vigil.bench.threads} (default 2).
 */
public final class FalseAlarmRate {

    /** Monday 2026-01-05 00:00 UTC: fixed, so every run sees the same timestamps and weekdays. */
    private static final long START_MILLIS = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
    private static final long DAY_MILLIS = 86_400_000L;
    private static final long SEED = 18;
    /** {@code vigil.detect.close-after-points} default (DetectConfig): normal points that close an anomaly. */
    static final int QUIET_POINTS = 5;
    private static final int BURN_IN_DAYS = 1;
    /** 5 kinds x 10 series = the 50-series service of the deploy target. */
    private static final int SERIES_PER_KIND_PER_SERVICE = 10;
    private static final String SERVICE = "noise";
    private static final String EXPECTED_DEFINITION = "default";
    private static final String GATE_POLICY = "default";
    /** Issue 18, "Done means": false critical alarms per series per day, and the share of deploys failed. */
    private static final double CRITICAL_TARGET_PER_DAY = 0.01;
    private static final double DEPLOY_FAIL_TARGET = 0.01;
    private static final int[] TARGET_INTERVALS = {10, 60};

    private FalseAlarmRate() {
    }

    /** What to run; see the class comment for the properties. */
    record Settings(int seriesPerKind, int days, int[] intervals, int deploys, int threads, Path detectors,
                    Path policies, String commit, String machine) {

        static Settings fromSystemProperties() {
            int series = Integer.getInteger("vigil.bench.series", 40);
            if (series % SERIES_PER_KIND_PER_SERVICE != 0) {
                throw new IllegalArgumentException("vigil.bench.series must be a multiple of "
                        + SERIES_PER_KIND_PER_SERVICE + ", got " + series);
            }
            int[] intervals = Arrays.stream(System.getProperty("vigil.bench.intervals", "10,60,300").split(","))
                    .map(String::trim).mapToInt(Integer::parseInt).toArray();
            return new Settings(series, Integer.getInteger("vigil.bench.days", 30), intervals,
                    Integer.getInteger("vigil.bench.deploys", 10_000),
                    Integer.getInteger("vigil.bench.threads", Math.min(2, Runtime.getRuntime().availableProcessors())),
                    Path.of(System.getProperty("vigil.bench.detectors", "detectors")),
                    Path.of(System.getProperty("vigil.bench.policies", "policies")),
                    System.getProperty("vigil.bench.commit", "?"), System.getProperty("vigil.bench.machine", "?"));
        }

        int totalDays() {
            return BURN_IN_DAYS + days;
        }
    }

    /** The alarms of one simulated series. */
    record SeriesRun(NoiseKind kind, int intervalSeconds, int index, List<Alarm> alarms) {
    }

    /** Alarms whose peak reached at least info, warning, critical. */
    record Counts(long info, long warning, long critical) {

        long atLeast(Severity s) {
            return switch (s) {
                case INFO -> info;
                case WARNING -> warning;
                case CRITICAL -> critical;
            };
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        long started = System.nanoTime();
        Map<NoiseKind, DetectorDefinition> definitions = definitions(settings.detectors());
        GatePolicy policy = new PolicyLoader().loadDirectory(settings.policies()).named(GATE_POLICY).orElseThrow();
        List<SeriesRun> runs = simulateAll(settings, definitions);
        double simulated = (System.nanoTime() - started) / 1e9;

        printHeader(settings, definitions.get(NoiseKind.GAUSSIAN), policy);
        printRates(settings, runs);
        printDeploys(settings, runs, policy);
        printNotes();
        System.out.printf(Locale.ROOT, "%n# %,d points scored in %.1f s (%.1f s in total, %d threads)%n",
                points(settings), simulated, (System.nanoTime() - started) / 1e9, settings.threads());
    }

    /** The definition the shipped directory selects for each kind, as the service selects one per series. */
    private static Map<NoiseKind, DetectorDefinition> definitions(Path dir) {
        DefinitionSet set = DefinitionLoader.loadDirectory(dir);
        Map<NoiseKind, DetectorDefinition> out = new EnumMap<>(NoiseKind.class);
        for (NoiseKind kind : NoiseKind.values()) {
            DetectorDefinition d = set.select(SeriesKey.of(SERVICE, kind.metric, Map.of())).orElseThrow();
            if (!d.name().equals(EXPECTED_DEFINITION)) {
                throw new IllegalStateException("metric " + kind.metric + " selects definition '" + d.name()
                        + "', not the catch-all '" + EXPECTED_DEFINITION + "'; rename the noise metric");
            }
            out.put(kind, d);
        }
        return out;
    }

    private static List<SeriesRun> simulateAll(Settings settings, Map<NoiseKind, DetectorDefinition> definitions)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
        try {
            List<Future<SeriesRun>> futures = new ArrayList<>();
            for (int interval : settings.intervals()) {
                for (NoiseKind kind : NoiseKind.values()) {
                    for (int i = 0; i < settings.seriesPerKind(); i++) {
                        int index = i;
                        futures.add(pool.submit(() -> simulate(definitions.get(kind), kind, interval, index,
                                settings.totalDays())));
                    }
                }
            }
            List<SeriesRun> runs = new ArrayList<>();
            for (Future<SeriesRun> f : futures) {
                runs.add(f.get());
            }
            return runs;
        } finally {
            pool.shutdown();
        }
    }

    /** One series, point by point, as {@code detect.service.SeriesState.observe} scores it. */
    static SeriesRun simulate(DetectorDefinition definition, NoiseKind kind, int intervalSeconds, int index,
                              int days) {
        NoiseKind.Source source = kind.source(new SplittableRandom(seed(kind, intervalSeconds, index)), START_MILLIS);
        Detector detector = definition.newDetector();
        AnomalyTracker tracker = new AnomalyTracker(definition.severity(), QUIET_POINTS);
        Alarm.Recorder recorder = new Alarm.Recorder();
        long step = intervalSeconds * 1000L;
        long end = START_MILLIS + days * DAY_MILLIS;
        for (long t = START_MILLIS; t < end; t += step) {
            double value = source.next(t);
            AnomalyScore score = detector.score(t, value);
            tracker.observe(t, value, score).ifPresent(recorder::accept);
        }
        return new SeriesRun(kind, intervalSeconds, index, recorder.finish());
    }

    /** A distinct, fixed seed per (kind, interval, series): results do not depend on the thread count. */
    private static long seed(NoiseKind kind, int intervalSeconds, int index) {
        long prime = 1_000_003L;
        return ((SEED * prime + kind.ordinal()) * prime + intervalSeconds) * prime + index;
    }

    private static long points(Settings s) {
        long perSeriesSeconds = s.totalDays() * DAY_MILLIS / 1000;
        return Arrays.stream(s.intervals()).mapToLong(i -> perSeriesSeconds / i).sum()
                * NoiseKind.values().length * s.seriesPerKind();
    }

    // ---------------------------------------------------------------- alarm rates

    private static Counts count(List<SeriesRun> runs, long fromMillis, long toMillis) {
        long info = 0, warning = 0, critical = 0;
        for (SeriesRun r : runs) {
            for (Alarm a : r.alarms()) {
                if (a.startMillis() >= fromMillis && a.startMillis() < toMillis) {
                    info++;
                    warning += a.peak().compareTo(Severity.WARNING) >= 0 ? 1 : 0;
                    critical += a.peak() == Severity.CRITICAL ? 1 : 0;
                }
            }
        }
        return new Counts(info, warning, critical);
    }

    private static List<SeriesRun> select(List<SeriesRun> runs, int interval, NoiseKind kind) {
        return runs.stream().filter(r -> r.intervalSeconds() == interval && (kind == null || r.kind() == kind))
                .toList();
    }

    private static void printRates(Settings s, List<SeriesRun> runs) {
        long countedFrom = START_MILLIS + BURN_IN_DAYS * DAY_MILLIS;
        long end = START_MILLIS + s.totalDays() * DAY_MILLIS;
        System.out.printf(Locale.ROOT, "%nfalse alarms per series per day, by the highest severity each anomaly "
                + "reached: rate (count, one-sided 95%% Poisson upper bound); days %d-%d of each series%n",
                BURN_IN_DAYS + 1, s.totalDays());
        System.out.printf(Locale.ROOT, "%-8s %-15s %7s  %-27s %-27s %-27s | %s%n", "interval", "kind", "ser-days",
                "info or worse", "warning or worse", "critical", "first day: info+ / critical per series");
        for (int interval : s.intervals()) {
            List<NoiseKind> rows = new ArrayList<>(Arrays.asList(NoiseKind.values()));
            rows.add(null); // all kinds together
            for (NoiseKind kind : rows) {
                List<SeriesRun> chosen = select(runs, interval, kind);
                Counts counted = count(chosen, countedFrom, end);
                Counts firstDay = count(chosen, START_MILLIS, countedFrom);
                long seriesDays = (long) chosen.size() * s.days();
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-8s %-15s %7d ",
                        interval + " s", kind == null ? "all kinds" : kind.metric, seriesDays));
                for (Severity sev : Severity.values()) {
                    line.append(' ').append(rateCell(counted.atLeast(sev), seriesDays));
                }
                line.append(String.format(Locale.ROOT, " | %.2f / %.3f", firstDay.info() / (double) chosen.size(),
                        firstDay.critical() / (double) chosen.size()));
                System.out.println(line);
            }
        }
        printCriticalTarget(s, runs, countedFrom, end);
    }

    private static String rateCell(long count, long exposure) {
        return String.format(Locale.ROOT, "%-27s", String.format(Locale.ROOT, "%.4f (%d, <= %.4f)",
                count / (double) exposure, count, Stats.poissonUpper95(count) / exposure));
    }

    private static void printCriticalTarget(Settings s, List<SeriesRun> runs, long from, long to) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "target (issue 18): false critical <= %.2f per series per day at 10 s and 60 s, every kind:",
                CRITICAL_TARGET_PER_DAY));
        for (int interval : TARGET_INTERVALS) {
            if (Arrays.stream(s.intervals()).noneMatch(i -> i == interval)) {
                line.append(" ").append(interval).append(" s not run;");
                continue;
            }
            double worst = 0;
            String worstKind = "";
            for (NoiseKind kind : NoiseKind.values()) {
                List<SeriesRun> chosen = select(runs, interval, kind);
                double rate = count(chosen, from, to).critical() / (double) (chosen.size() * s.days());
                if (rate >= worst) {
                    worst = rate;
                    worstKind = kind.metric;
                }
            }
            line.append(String.format(Locale.ROOT, " %d s %s (worst %s %.4f);", interval,
                    worst <= CRITICAL_TARGET_PER_DAY ? "MET" : "NOT MET", worstKind, worst));
        }
        System.out.println(line);
    }

    // ---------------------------------------------------------------- deploys

    private static void printDeploys(Settings s, List<SeriesRun> runs, GatePolicy policy) {
        long from = START_MILLIS + BURN_IN_DAYS * DAY_MILLIS + NoiseDeploys.lookBack(policy).toMillis();
        long to = START_MILLIS + s.totalDays() * DAY_MILLIS;
        int services = s.seriesPerKind() / SERIES_PER_KIND_PER_SERVICE;
        System.out.printf(Locale.ROOT, "%ndeploys of a %d-series all-noise service (%d series of each of its five kinds), "
                + "gate policy '%s' (version %s) evaluated by GateEvaluator at the deploy instant; %d services per "
                + "interval, %,d deploys per interval at random times of days %d-%d:%n",
                SERIES_PER_KIND_PER_SERVICE * deployServiceKinds(), SERIES_PER_KIND_PER_SERVICE, policy.name(),
                policy.version(), services, s.deploys(), BURN_IN_DAYS + 1, s.totalDays());
        NoiseDeploys.describe(policy).forEach(l -> System.out.println("  " + l));
        System.out.printf(Locale.ROOT, "%-8s %-30s %-8s %-8s | %-13s %-13s %-13s | %s%n", "interval",
                "FAIL (95% CI)", "WARN", "PASS", "crit. failed", "major failed", "major warned",
                "anomalies behind a FAIL");
        for (int interval : s.intervals()) {
            NoiseDeploys.Outcome o = NoiseDeploys.run(policy, services(runs, interval, services), from, to,
                    s.deploys(), SEED + interval);
            System.out.printf(Locale.ROOT, "%-8s %-30s %-8s %-8s | %-13s %-13s %-13s | %d%s%n", interval + " s",
                    String.format(Locale.ROOT, "%.4f (%.4f-%.4f)", o.fraction(o.fail()), o.failCi95()[0],
                            o.failCi95()[1]),
                    pct(o.fraction(o.warn())), pct(o.fraction(o.pass())), pct(o.fraction(o.criticalCheckFailed())),
                    pct(o.fraction(o.majorCheckFailed())), pct(o.fraction(o.majorCheckWarned())),
                    o.anomaliesBehindFail(), o.other() > 0 ? "  (" + o.other() + " other verdicts!)" : "");
            System.out.printf(Locale.ROOT, "  target (issue 18): fewer than 1 in %d deploys failed: %s%n",
                    Math.round(1 / DEPLOY_FAIL_TARGET), o.fraction(o.fail()) < DEPLOY_FAIL_TARGET ? "MET" : "NOT MET");
        }
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.4f", fraction);
    }

    private static long deployServiceKinds() {
        return Arrays.stream(NoiseKind.values()).filter(k -> k.inDeployService).count();
    }

    /** Service j of an interval: series j*10 .. j*10+9 of each of the five deploy-service kinds. */
    private static List<NoiseDeploys.Service> services(List<SeriesRun> runs, int interval, int count) {
        List<NoiseDeploys.Service> out = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            int lo = j * SERIES_PER_KIND_PER_SERVICE;
            List<NoiseDeploys.ServiceAlarm> alarms = new ArrayList<>();
            int seriesCount = 0;
            for (SeriesRun r : select(runs, interval, null)) {
                if (r.kind().inDeployService && r.index() >= lo && r.index() < lo + SERIES_PER_KIND_PER_SERVICE) {
                    seriesCount++;
                    String metric = r.kind().metric + "{series=\"" + r.index() + "\"}";
                    r.alarms().forEach(a -> alarms.add(new NoiseDeploys.ServiceAlarm(metric, a)));
                }
            }
            out.add(NoiseDeploys.Service.of(SERVICE + "-" + interval + "s-" + j, seriesCount, alarms));
        }
        return out;
    }

    // ---------------------------------------------------------------- text

    private static void printHeader(Settings s, DetectorDefinition d, GatePolicy policy) {
        System.out.printf(Locale.ROOT, "# false alarms on anomaly-free streams: %s commit %s on %d cores, %s, Java %s%n",
                Instant.now().toString().substring(0, 19) + "Z", s.commit(), Runtime.getRuntime().availableProcessors(),
                s.machine(), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "# definition '%s' selected from %s/ for every noise metric (%s); severity "
                + "info %.2f / warning %.2f / critical %.2f; AnomalyTracker quietPoints %d (close-after-points)%n",
                d.name(), s.detectors(), d.source(), d.severity().info(), d.severity().warning(),
                d.severity().critical(), QUIET_POINTS);
        System.out.printf(Locale.ROOT, "# %d series per kind and interval, %d + %d days each from %s, seed %d; "
                + "kinds: Gaussian, Student-t 3 df, daily sinusoid %.0f sigmas + Gaussian, Poisson mean %.0f, "
                + "Gaussian random walk (the deploy service's five); sparse Poisson mean %.2f, log-normal log-sd %.1f, "
                + "AR(1) %.2f%n", s.seriesPerKind(), BURN_IN_DAYS, s.days(),
                Instant.ofEpochMilli(START_MILLIS), SEED, NoiseKind.SEASON_AMPLITUDE_SIGMAS, NoiseKind.POISSON_MEAN,
                NoiseKind.SPARSE_MEAN, NoiseKind.LOG_SD, NoiseKind.AR_COEFFICIENT);
    }

    private static void printNotes() {
        System.out.println();
        System.out.println("# an alarm is one anomaly (OPENED .. CLOSED), counted once at the highest severity it "
                + "reached, in the day it opened.");
        System.out.println("# deploys: verdicts come from the gate's own GateEvaluator and policies/; the store's "
                + "anomaly query is reproduced in NoiseDeploys.StoreAsOf (not the database): open at some moment of");
        System.out.println("# [from, to) = started before to and not ended before from, severity as stored at the "
                + "deploy instant, on the one severity scale detection and the gate share.");
    }

    /** Small statistics helpers. */
    static final class Stats {
        private static final double Z_95_ONE_SIDED = 1.6448536269514722;
        private static final int EXACT_UP_TO = 50;

        private Stats() {
        }

        /**
         * One-sided 95% upper confidence bound of a Poisson mean after observing {@code k} events: the mean at
         * which seeing k or fewer has probability 5% (3.00 for k = 0). Exact by bisection up to k = 50, then
         * Wilson-Hilferty's approximation of chi2_0.95(2k + 2) / 2 (relative error below 1e-3 there).
         */
        static double poissonUpper95(long k) {
            if (k > EXACT_UP_TO) {
                double dof = 2.0 * (k + 1);
                double c = 2.0 / (9.0 * dof);
                return dof * Math.pow(1 - c + Z_95_ONE_SIDED * Math.sqrt(c), 3) / 2;
            }
            double lo = k, hi = 3 * k + 10;
            for (int i = 0; i < 100; i++) {
                double mid = (lo + hi) / 2;
                if (poissonCdf(k, mid) > 0.05) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return (lo + hi) / 2;
        }

        private static double poissonCdf(long k, double mean) {
            double term = Math.exp(-mean);
            double sum = term;
            for (long i = 1; i <= k; i++) {
                term *= mean / i;
                sum += term;
            }
            return sum;
        }
    }
}
