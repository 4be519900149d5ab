package dev.vigil.kafka;

import dev.vigil.config.VigilConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Starts the embedded broker before anything talks to Kafka, and stops it after everything else: after the
 * messaging connector has closed its consumers and producers ({@code KafkaConnector.terminate} observes the same
 * event at priority 50). Stopped first, the broker left the consumers' group membership behind (the next start
 * waited for it to time out) and the clients logged about a hundred connection warnings on every shutdown.
 */
@ApplicationScoped
public class EmbeddedKafkaLifecycle {

    private static final Logger LOG = Logger.getLogger(EmbeddedKafkaLifecycle.class);

    private final VigilConfig config;
    private final TopicInitializer topics;
    private EmbeddedKafkaBroker broker;

    public EmbeddedKafkaLifecycle(VigilConfig config, TopicInitializer topics) {
        this.config = config;
        this.topics = topics;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        VigilConfig.Kafka.Embedded embedded = config.kafka().embedded();
        if (embedded.enabled()) {
            long started = System.nanoTime();
            broker = new EmbeddedKafkaBroker(Path.of(config.dataDir(), "kafka"), embedded.port(), embedded.controllerPort());
            broker.start();
            LOG.infof("embedded Kafka broker up at %s in %d ms (log in %s)", broker.bootstrapServers(),
                    (System.nanoTime() - started) / 1_000_000, Path.of(config.dataDir(), "kafka").toAbsolutePath());
        }
        topics.ensureTopics();
    }

    void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) @BeforeDestroyed(ApplicationScoped.class)
                Object event) {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
