package dev.vigil.gate.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Gate decisions published as CDEvents ({@code vigil.cdevents.*}; docs/integrations.md, "CDEvents"): on the Kafka
 * topic {@code vigil.kafka.topics.cdevents}, and to an HTTP sink when one is configured.
 */
@ConfigMapping(prefix = "vigil.cdevents")
public interface CdEventsConfig {

    /** Publish every decision as a CDEvent. */
    @WithDefault("true")
    boolean enabled();

    /** The events' {@code source}: a URI-reference naming this Vigil, e.g. {@code https://vigil.example.org}. */
    @WithDefault("/vigil/gate")
    String source();

    Http http();

    /** An HTTP sink (a CloudEvents receiver: Knative broker, CDviz, a webhook) that gets every event too. */
    interface Http {
        /** Where events are POSTed (structured mode, {@code application/cloudevents+json}); unset: no HTTP sink. */
        Optional<URI> url();

        /**
         * Hosts the sink may be on: the url's host must be one of them, or Vigil does not start. Empty (the
         * default) allows none: an outbound connection is a choice made twice.
         */
        @WithName("allowed-hosts")
        Optional<List<String>> allowedHosts();

        /** Longest wait to connect, and for the sink's answer. */
        @WithDefault("5s")
        Duration timeout();

        /** Events being sent at once at most; more are dropped (and counted), never queued without bound. */
        @WithName("max-in-flight")
        @WithDefault("64")
        int maxInFlight();
    }
}
