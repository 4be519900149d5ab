package dev.vigil.gate.service;

import dev.vigil.gate.DecisionCdEvent;
import dev.vigil.gate.GateDecision;
import dev.vigil.gate.GateEvaluation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Announces every finished decision: the evaluation JSON on Kafka (channel {@code decisions-out}, topic
 * {@code vigil.kafka.topics.decisions}, keyed by service) and the counter {@code vigil_gate_decisions_total}
 * by service, environment and verdict (and {@code vigil_gate_dry_run_decisions_total} by policy, would-be verdict
 * and whether it differs, for decisions with something in dry run); and, unless {@code vigil.cdevents.enabled} is
 * false, the same decision as a CDEvent ({@link DecisionCdEvent}) on channel {@code cdevents-out} (topic
 * {@code vigil.kafka.topics.cdevents}) and to the HTTP sink when one is configured.  The decision is already stored
 * when this runs; a failed send is logged. An override is announced the same way ({@link #overridden}): the
 * evaluation again, now with its {@code override} block and the verdict that stands, counted by
 * {@code vigil_gate_overrides_total}.
 */
@ApplicationScoped
public class DecisionPublisher {

    private static final Logger LOG = Logger.getLogger(DecisionPublisher.class);

    private final Emitter<byte[]> emitter;
    private final Emitter<byte[]> cdEvents;
    private final MeterRegistry registry;
    private final CdEventsConfig cdEventsConfig;
    private final Optional<CdEventHttpSink> httpSink;

    public DecisionPublisher(@Channel("decisions-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10000)
                             Emitter<byte[]> emitter,
                             @Channel("cdevents-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10000)
                             Emitter<byte[]> cdEvents, MeterRegistry registry, CdEventsConfig cdEventsConfig) {
        this.emitter = emitter;
        this.cdEvents = cdEvents;
        this.registry = registry;
        this.cdEventsConfig = cdEventsConfig;
        CdEventsConfig.Http http = cdEventsConfig.http();
        this.httpSink = cdEventsConfig.enabled() ? http.url().map(url -> new CdEventHttpSink(url,
                http.allowedHosts().orElse(List.of()), http.timeout(), http.maxInFlight(), registry)) : Optional.empty();
    }

    public void published(GateEvaluation e) {
        if (e.decision() == null) {
            return;
        }
        String service = e.request().service();
        String verdict = e.decision().verdict().name();
        Counter.builder("vigil.gate.decisions").description("Gate decisions by service, environment and verdict")
                .tag("service", service).tag("environment", e.request().environment()).tag("verdict", verdict)
                .register(registry).increment();
        GateDecision.DryRun dryRun = e.decision().dryRun();
        if (dryRun != null) {
            Counter.builder("vigil.gate.dry.run.decisions")
                    .description("Decisions with checks or a policy in dry run, by policy and would-be verdict; "
                            + "changed=true when enforcing the dry run would have changed the verdict")
                    .tag("policy", e.decision().policy().name()).tag("verdict", dryRun.verdict().name())
                    .tag("changed", String.valueOf(dryRun.verdict() != e.decision().verdict()))
                    .register(registry).increment();
        }
        send(e, service, verdict);
        LOG.infof("gate decision id=%s service=%s environment=%s version=%s verdict=%s score=%s policy=%s", e.id(),
                service, e.request().environment(), e.request().version(), verdict, e.decision().score(),
                e.decision().policy().name());
    }

    /** Announces an override: the overridden evaluation on the decision topic, and the override counter. */
    public void overridden(GateEvaluation e) {
        String service = e.request().service();
        String verdict = e.verdict().name();
        Counter.builder("vigil.gate.overrides").description("Gate decisions overridden by a person, by the verdict "
                        + "the gate gave and the one that stands")
                .tag("service", service).tag("environment", e.request().environment())
                .tag("judged", e.override().judged().name()).tag("verdict", verdict)
                .register(registry).increment();
        send(e, service, verdict);
        LOG.infof("gate decision id=%s service=%s environment=%s version=%s %s", e.id(), service,
                e.request().environment(), e.request().version(), e.override().describe());
    }

    private void send(GateEvaluation e, String service, String verdict) {
        byte[] json = GateJson.write(EvaluationView.of(e)).getBytes(StandardCharsets.UTF_8);
        send(emitter, e, json, OutgoingKafkaRecordMetadata.<byte[]>builder()
                .withKey(service.getBytes(StandardCharsets.UTF_8)).build(), "decision");
        if (cdEventsConfig.enabled()) {
            byte[] event = GateJson.write(DecisionCdEvent.envelope(e, cdEventsConfig.source())).getBytes(StandardCharsets.UTF_8);
            // CloudEvents' Kafka binding, structured mode: the content-type header says the value is the whole event
            send(cdEvents, e, event, OutgoingKafkaRecordMetadata.<byte[]>builder()
                    .withKey(service.getBytes(StandardCharsets.UTF_8))
                    .withHeaders(new RecordHeaders().add("content-type",
                            DecisionCdEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))).build(), "CDEvent");
            httpSink.ifPresent(sink -> sink.send(e.id(), event));
        }
    }

    /** Sends without waiting; a refusal or a failed send is logged, never thrown: the decision is stored already. */
    private static void send(Emitter<byte[]> to, GateEvaluation e, byte[] value, OutgoingKafkaRecordMetadata<byte[]> metadata,
            String what) {
        Message<byte[]> message = Message.of(value).addMetadata(metadata)
                .withAck(() -> CompletableFuture.completedFuture(null))
                .withNack(t -> {
                    LOG.warnf("%s %s (%s %s) not published to Kafka: %s", what, e.id(), e.request().service(),
                            e.request().environment(), t.getMessage());
                    return CompletableFuture.completedFuture(null);
                });
        try {
            to.send(message);
        } catch (RuntimeException ex) {
            LOG.warnf("%s %s not published to Kafka: %s", what, e.id(), ex.getMessage());
        }
    }
}
