package dev.vigil.bench.detect;

import dev.vigil.core.AlarmRate;
import dev.vigil.core.SeriesKey;
import dev.vigil.core.Severity;
import dev.vigil.detect.AnomalyScore;
import dev.vigil.detect.Component;
import dev.vigil.detect.Detector;
import dev.vigil.detect.definition.DefinitionLoader;
import dev.vigil.detect.definition.DefinitionSet;
import dev.vigil.detect.definition.DetectorDefinition;
import dev.vigil.detect.definition.SeverityMapping;
import dev.vigil.detect.event.AnomalyEvent;
import dev.vigil.detect.event.AnomalyTracker;
import dev.vigil.detect.multivariate.AlignedPoint;
import dev.vigil.detect.multivariate.Aligner;
import dev.vigil.detect.multivariate.ForestModel;
import dev.vigil.detect.multivariate.IsolationForestDetector;
import dev.vigil.detect.multivariate.MultivariateScore;
import dev.vigil.detect.multivariate.MultivariateSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the multivariate detector adds (issue 18, item 5), on generated services whose four key metrics are tied
 * together: traffic (bursty around a daily cycle and a slow wander), latency, error rate and CPU, each a linear
 * function of traffic plus a little noise of its own. A fault breaks one relation while traffic goes on as usual:
 * <ul>
 *   <li>{@code latency}: latency up by a fraction of its own minute-to-minute spread (which traffic drives);</li>
 *   <li>{@code error-ratio}: traffic dips 15 % (latency and CPU follow it) while errors per second do not: the
 *       error ratio rose;</li>
 *   <li>{@code cpu}: CPU up by a fraction of its own spread, traffic flat.</li>
 * </ul>
 * Each series is judged exactly as the service judges it: the univariate definition the shipped {@code detectors/}
 * directory selects, its detector and an {@link AnomalyTracker}; the service's vector goes through an
 * {@link Aligner} (samples a few seconds apart within each step), an {@link IsolationForestDetector} with the
 * default settings and its own tracker. A fault counts as detected when an anomaly of the service opens between its
 * start and 10 minutes after its end; the delay is from its start. Healthy services (no fault) give the false
 * alarms per service per day. Seeds are fixed. Also measures how long a forest takes to fit.
 *
 * <p>Run with {@code bench/detect/multivariate.sh}; system properties {@code vigil.bench.services} (per fault kind,
 * default 8, each with {@link #FAULTS_PER_SERVICE} faults), {@code vigil.bench.healthy} (default 12),
 * {@code vigil.bench.days} (default 6, the first {@link #WARM_UP_DAYS} without faults or counted alarms),
 * {@code vigil.bench.threads} (default 2), {@code vigil.bench.magnitude} (fault size factor, default 1).
 */
public final class MultivariateBenefit {

    private static final long START = 1_767_571_200_000L; // 2026-01-05T00:00Z
    private static final long STEP = 60_000L;
    private static final long DAY = 86_400_000L;
    private static final int FAULTS_PER_SERVICE = 3;
    private static final int FAULT_STEPS = 20;
    private static final int WARM_UP_DAYS = 2;
    private static final long DETECTION_SLACK = 10 * STEP;
    private static final int QUIET_POINTS = 5;
    private static final String[] METRICS = {"http_requests_per_second", "http_latency_ms", "http_errors_per_second",
            "process_cpu_percent"};

    enum Fault { NONE, LATENCY, ERROR_RATIO, CPU }

    /** First alarm of one detector per fault (-1: missed), and false alarms outside faults, by peak severity. */
    record Outcome(long[] univariateDelay, long[] multivariateDelay, int[] univariateFalse, int[] multivariateFalse,
                   double countedDays) {
    }

    public static void main(String[] args) throws Exception {
        int perKind = Integer.getInteger("vigil.bench.services", 8);
        int healthy = Integer.getInteger("vigil.bench.healthy", 12);
        int days = Integer.getInteger("vigil.bench.days", 6);
        int threads = Integer.getInteger("vigil.bench.threads", 2);
        double magnitude = Double.parseDouble(System.getProperty("vigil.bench.magnitude", "1"));
        DefinitionSet shipped = DefinitionLoader.loadDirectory(Path.of("detectors"));
        System.out.printf("# Multivariate vs univariate (bench/detect/multivariate.sh), commit %s, %s, %d threads%n",
                System.getProperty("vigil.bench.commit", "?"), System.getProperty("vigil.bench.machine", "?"), threads);
        System.out.printf("# %d services per fault kind x %d faults of %d min, %d healthy services, %d days each "
                + "(first %d warm-up), 60 s steps, magnitude %.2f; defaults: %s%n", perKind, FAULTS_PER_SERVICE,
                FAULT_STEPS, healthy, days, WARM_UP_DAYS, magnitude, MultivariateSettings.defaults(METRICS.length));
        for (String m : METRICS) {
            System.out.printf("# %s judged by univariate definition '%s'%n", m,
                    select(shipped, m).name());
        }
        fitTimes();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Fault fault : Fault.values()) {
                int n = fault == Fault.NONE ? healthy : perKind;
                List<Future<Outcome>> runs = new ArrayList<>();
                for (int s = 0; s < n; s++) {
                    long seed = 1000L * fault.ordinal() + s;
                    runs.add(pool.submit(() -> run(shipped, fault, seed, days, magnitude)));
                }
                List<Outcome> outcomes = new ArrayList<>();
                for (Future<Outcome> f : runs) {
                    outcomes.add(f.get());
                }
                report(fault, outcomes);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static DetectorDefinition select(DefinitionSet set, String metric) {
        return set.select(SeriesKey.of("svc", metric, Map.of())).orElseGet(DefinitionLoader::shippedDefault);
    }

    /** Fit times of one forest (100 trees, 4 metrics) by window size: what a refit costs its worker thread. */
    private static void fitTimes() {
        Random r = new Random(5);
        for (int window : new int[] {512, 1024, 2048, 4096}) {
            double[][] data = new double[window][];
            for (int i = 0; i < window; i++) {
                data[i] = healthyPoint(r, 200 + 40 * r.nextGaussian());
            }
            for (int warm = 0; warm < 5; warm++) {
                ForestModel.fit(data, 100);
            }
            int reps = 20;
            long[] nanos = new long[reps];
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                ForestModel.fit(data, 100);
                nanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            System.out.printf("# forest fit, %d points x 4 metrics, 100 trees: median %.1f ms, max %.1f ms%n", window,
                    nanos[reps / 2] / 1e6, nanos[reps - 1] / 1e6);
        }
    }

    private static double[] healthyPoint(Random r, double rps) {
        return new double[] {rps, 40 + 0.2 * rps + r.nextGaussian(), 0.02 * rps + 0.15 * r.nextGaussian(),
                10 + 0.2 * rps + r.nextGaussian()};
    }

    static Outcome run(DefinitionSet shipped, Fault fault, long seed, int days, double magnitude) {
        Random r = new Random(seed);
        int steps = (int) (days * DAY / STEP);
        int[] faultStart = new int[fault == Fault.NONE ? 0 : FAULTS_PER_SERVICE];
        int span = steps - WARM_UP_DAYS * (int) (DAY / STEP);
        for (int k = 0; k < faultStart.length; k++) {
            int slot = span / faultStart.length;
            faultStart[k] = WARM_UP_DAYS * (int) (DAY / STEP) + k * slot + r.nextInt(slot - FAULT_STEPS - 30);
        }
        Detector[] detectors = new Detector[METRICS.length];
        AnomalyTracker[] trackers = new AnomalyTracker[METRICS.length];
        for (int j = 0; j < METRICS.length; j++) {
            DetectorDefinition d = select(shipped, METRICS[j]);
            detectors[j] = d.newDetector();
            trackers[j] = new AnomalyTracker(d.severity(), QUIET_POINTS);
        }
        Aligner aligner = new Aligner(METRICS.length, STEP, STEP / 2, 1);
        IsolationForestDetector forest = new IsolationForestDetector(MultivariateSettings.defaults(METRICS.length),
                Runnable::run); // fitted in line: the figures are the same, the bench's threads run services
        AnomalyTracker joint = new AnomalyTracker(SeverityMapping.DEFAULT, QUIET_POINTS);
        long[] uniDelay = new long[faultStart.length];
        long[] mvDelay = new long[faultStart.length];
        Arrays.fill(uniDelay, -1);
        Arrays.fill(mvDelay, -1);
        int[] uniFalse = new int[3];
        int[] mvFalse = new int[3];
        Severity[] uniOpen = new Severity[METRICS.length];
        Severity[] mvOpen = new Severity[1];
        double wander = 0;
        for (int i = 0; i < steps; i++) {
            long t = START + i * STEP;
            wander = 0.995 * wander + 0.01 * r.nextGaussian();
            double level = 200 * (1 + 0.35 * Math.sin(2 * Math.PI * (t % DAY) / DAY)) * Math.exp(wander);
            double rps = Math.max(1, level * (1 + 0.15 * r.nextGaussian()));
            int inFault = faultAt(faultStart, i);
            double[] v = healthyPoint(r, rps);
            if (inFault >= 0) {
                breakRelation(fault, v, magnitude);
            }
            boolean counted = i >= WARM_UP_DAYS * DAY / STEP;
            for (int j = 0; j < METRICS.length; j++) {
                long at = t + 1_000L * (j + 1); // samples of one step a second apart, as scrapes are
                AnomalyScore s = detectors[j].score(at, v[j]);
                Optional<AnomalyEvent> e = trackers[j].observe(at, v[j], s);
                if (counted) {
                    tally(e, faultStart, i, uniDelay, uniFalse, uniOpen, j);
                }
                for (AlignedPoint p : aligner.offer(j, at, v[j])) {
                    Optional<MultivariateScore> ms = forest.score(p.stepMillis(), STEP, p.values());
                    if (ms.isEmpty()) {
                        continue;
                    }
                    MultivariateScore m = ms.get();
                    AnomalyScore as = new AnomalyScore(m.score(), m.expected(), m.lower(), m.upper(), m.status(),
                            Component.JOINT);
                    Optional<AnomalyEvent> je = joint.observe(p.stepMillis(), m.observed(), as);
                    int step = (int) ((p.stepMillis() - START) / STEP);
                    if (step >= WARM_UP_DAYS * DAY / STEP) {
                        tally(je, faultStart, step, mvDelay, mvFalse, mvOpen, 0);
                    }
                }
            }
        }
        return new Outcome(uniDelay, mvDelay, uniFalse, mvFalse, days - WARM_UP_DAYS);
    }

    private static int faultAt(int[] starts, int step) {
        for (int k = 0; k < starts.length; k++) {
            if (step >= starts[k] && step < starts[k] + FAULT_STEPS) {
                return k;
            }
        }
        return -1;
    }

    /** The fault an alarm at this step belongs to (up to the slack after its end), or -1: a false alarm. */
    private static int faultNear(int[] starts, int step) {
        for (int k = 0; k < starts.length; k++) {
            if (step >= starts[k] && step < starts[k] + FAULT_STEPS + DETECTION_SLACK / STEP) {
                return k;
            }
        }
        return -1;
    }

    /** Fault sizes, against the noise of each relation (1 ms of latency, 0.15 errors/s, 1 % of CPU). */
    private static void breakRelation(Fault fault, double[] v, double magnitude) {
        switch (fault) {
            case LATENCY -> v[1] += 6 * magnitude;
            case ERROR_RATIO -> {
                // Traffic dips, latency and CPU follow it down, errors per second do not: the error ratio rose.
                double dip = 0.15 * magnitude * v[0];
                v[0] -= dip;
                v[1] -= 0.2 * dip;
                v[3] -= 0.2 * dip;
            }
            case CPU -> v[3] += 6 * magnitude;
            default -> {
            }
        }
    }

    /**
     * Records an opened anomaly: the first one near a fault is its detection, one elsewhere a false alarm. A false
     * alarm is graded by its highest severity (counted when it closes or escalates: here, at open and escalation).
     */
    private static void tally(Optional<AnomalyEvent> e, int[] starts, int step, long[] delay, int[] falseAlarms,
            Severity[] open, int series) {
        if (e.isEmpty() || e.get().type() == AnomalyEvent.Type.CLOSED) {
            if (e.isPresent()) {
                open[series] = null;
            }
            return;
        }
        AnomalyEvent a = e.get();
        int startStep = (int) ((a.startMillis() - START) / STEP);
        int k = faultNear(starts, startStep);
        if (k >= 0) {
            if (delay[k] < 0) {
                delay[k] = (long) (step - starts[k]) * STEP;
            }
            return;
        }
        Severity before = open[series];
        open[series] = a.severity();
        for (Severity s : Severity.values()) {
            if (a.severity().compareTo(s) >= 0 && (before == null || before.compareTo(s) < 0)) {
                falseAlarms[s.ordinal()]++;
            }
        }
    }

    private static void report(Fault fault, List<Outcome> outcomes) {
        if (fault == Fault.NONE) {
            double serviceDays = outcomes.stream().mapToDouble(Outcome::countedDays).sum();
            int[] uni = new int[3];
            int[] mv = new int[3];
            for (Outcome o : outcomes) {
                for (int s = 0; s < 3; s++) {
                    uni[s] += o.univariateFalse()[s];
                    mv[s] += o.multivariateFalse()[s];
                }
            }
            System.out.printf("healthy services (%d, %.0f service-days): false alarms per service per day, "
                    + "info+ / warning+ / critical%n", outcomes.size(), serviceDays);
            System.out.printf("  univariate (4 series)   %.3f / %.3f / %.3f%n", uni[0] / serviceDays,
                    uni[1] / serviceDays, uni[2] / serviceDays);
            System.out.printf("  multivariate (1 vector) %.3f / %.3f / %.3f%n", mv[0] / serviceDays,
                    mv[1] / serviceDays, mv[2] / serviceDays);
            System.out.printf("  both                    %.3f / %.3f / %.3f%n", (uni[0] + mv[0]) / serviceDays,
                    (uni[1] + mv[1]) / serviceDays, (uni[2] + mv[2]) / serviceDays);
            System.out.printf("  (scale: %.2f info = 1 per series per day; critical %.2f = 1 per 100 days)%n",
                    AlarmRate.INFO_SCORE, AlarmRate.scoreAt(0.01));
            return;
        }
        List<Long> uni = new ArrayList<>();
        List<Long> mv = new ArrayList<>();
        List<Long> both = new ArrayList<>();
        int total = 0;
        for (Outcome o : outcomes) {
            for (int k = 0; k < o.univariateDelay().length; k++) {
                total++;
                long u = o.univariateDelay()[k];
                long m = o.multivariateDelay()[k];
                add(uni, u);
                add(mv, m);
                add(both, u < 0 ? m : m < 0 ? u : Math.min(u, m));
            }
        }
        System.out.printf("fault %-11s (%d faults): detected, median delay%n", fault.name().toLowerCase().replace('_', '-'),
                total);
        line("univariate alone", uni, total);
        line("multivariate alone", mv, total);
        line("univariate + multivariate", both, total);
    }

    private static void add(List<Long> list, long delay) {
        if (delay >= 0) {
            list.add(delay);
        }
    }

    private static void line(String what, List<Long> delays, int total) {
        List<Long> sorted = delays.stream().sorted().toList();
        String median = sorted.isEmpty() ? "-" : String.format("%.0f min", sorted.get(sorted.size() / 2) / 60_000.0);
        System.out.printf("  %-26s %3d / %3d (%5.1f %%), %s%n", what, delays.size(), total,
                100.0 * delays.size() / total, median);
    }
}
