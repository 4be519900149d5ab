package dev.vigil.gate.bench;

import dev.vigil.gate.CanaryRequest;
import dev.vigil.gate.Evidence;
import dev.vigil.gate.GateDecision;
import dev.vigil.gate.GateEvaluator;
import dev.vigil.gate.GatePolicy;
import dev.vigil.gate.GateRequest;
import dev.vigil.gate.policy.PolicyLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Domain cost of one gate evaluation with the shipped production policy (anomalies, two SLOs, a three-metric
 * canary), evidence in memory: the part of the API's latency that is Vigil's own computation. Run:
 * <pre>
 * ./mvnw -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test-cp.txt) org.openjdk.jmh.Main GateEvaluationBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GateEvaluationBenchmark {

    /** Points per canary and baseline series: 60 = 10 minutes at 10 s; 600 = 10 minutes at 1 s. */
    @Param({"60", "600"})
    public int points;

    private GateEvaluator evaluator;
    private GatePolicy policy;
    private GateRequest request;
    private final Instant now = Instant.parse("2026-11-25T10:00:00Z");

    @Setup
    public void setUp() throws Exception {
        policy = new PolicyLoader().loadDirectory(Path.of("policies")).named("production").orElseThrow();
        Random random = new Random(42);
        Map<String, double[]> series = Map.of(
                "1.5.0", random.doubles(points).map(v -> 0.12 + 0.01 * v).toArray(),
                "1.4.2", random.doubles(points).map(v -> 0.12 + 0.01 * v).toArray());
        Evidence.Metrics metrics = (selector, from, to) ->
                series.getOrDefault(selector.labels().getOrDefault("version", "1.4.2"), series.get("1.4.2"));
        Evidence.Releases releases = (service, env, version, before) ->
                Optional.of(new Evidence.ReleaseWindow("1.4.2", before.minus(Duration.ofDays(1)), before.minusSeconds(600)));
        evaluator = new GateEvaluator((service, env, from, to) -> List.of(), metrics, releases, Optional.empty());
        request = new GateRequest("bench", "checkout", "prod", "1.5.0", "9f1c2ab", null, null, null,
                new CanaryRequest("version", "1.4.2", "1.5.0", List.of(), null, null), null);
    }

    @Benchmark
    public GateDecision evaluate() {
        return evaluator.evaluate(request, policy, now);
    }
}
