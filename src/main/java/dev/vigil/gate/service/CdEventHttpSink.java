package dev.vigil.gate.service;

import dev.vigil.gate.DecisionCdEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;

/**
 * POSTs each CDEvent to one configured receiver, off the caller's thread: connect and answer bounded by the timeout,
 * no redirect followed (a redirect could lead off the allow-list), at most {@code maxInFlight} at once (more are
 * dropped and counted, so a slow sink never holds decisions back). A failed send is logged and counted, not retried:
 * the Kafka topic is the durable copy.
 */
public final class CdEventHttpSink {

    private static final Logger LOG = Logger.getLogger(CdEventHttpSink.class);

    private final URI url;
    private final Duration timeout;
    private final HttpClient client;
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final MeterRegistry registry;

    CdEventHttpSink(URI url, List<String> allowedHosts, Duration timeout, int maxInFlight, MeterRegistry registry) {
        this.url = allowed(url, allowedHosts);
        this.timeout = timeout;
        this.inFlight = new Semaphore(maxInFlight);
        this.maxInFlight = maxInFlight;
        this.registry = registry;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The url, if it is http(s) on an allowed host; otherwise Vigil must not start with it. */
    static URI allowed(URI url, List<String> allowedHosts) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalStateException("vigil.cdevents.http.url must be http or https, got " + url.getScheme());
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        if (allowedHosts.stream().noneMatch(h -> h.toLowerCase(Locale.ROOT).equals(host))) {
            throw new IllegalStateException("vigil.cdevents.http.url is on host '" + host + "', which is not in "
                    + "vigil.cdevents.http.allowed-hosts " + allowedHosts);
        }
        return url;
    }

    /** Sends one event; returns at once. */
    void send(String eventId, byte[] json) {
        if (!inFlight.tryAcquire()) {
            count("dropped");
            LOG.warnf("CDEvent %s not sent to the HTTP sink: %d sends already in flight", eventId, maxInFlight);
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", DecisionCdEvent.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            inFlight.release();
            if (error != null) {
                count("failed");
                LOG.warnf("CDEvent %s not delivered to the HTTP sink %s: %s", eventId, url.getHost(), error.toString());
            } else if (response.statusCode() / 100 != 2) {
                count("failed");
                LOG.warnf("CDEvent %s refused by the HTTP sink %s: HTTP %d", eventId, url.getHost(), response.statusCode());
            } else {
                count("sent");
            }
        });
    }

    private void count(String outcome) {
        Counter.builder("vigil.cdevents.http").description("CDEvents posted to the HTTP sink, by outcome (sent, failed, dropped)")
                .tag("outcome", outcome).register(registry).increment();
    }
}
