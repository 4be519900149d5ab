package dev.vigil.kafka;

import dev.vigil.config.VigilConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Creates Vigil's topics when they are missing, so partition counts are ours and not the broker's default. */
@ApplicationScoped
public class TopicInitializer {

    private static final Logger LOG = Logger.getLogger(TopicInitializer.class);

    private final VigilConfig config;
    private final String bootstrapServers;
    private final String anomaliesTopic;

    public TopicInitializer(VigilConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "vigil.detect.anomalies-topic", defaultValue = "vigil.anomalies") String anomaliesTopic) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.anomaliesTopic = anomaliesTopic;
    }

    void ensureTopics() {
        if (!config.kafka().createTopics()) {
            return;
        }
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (NewTopic topic : wanted()) {
                if (!existing.contains(topic.name())) {
                    missing.add(topic);
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                LOG.infof("created topics %s", missing.stream().map(NewTopic::name).toList());
            }
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("could not check or create topics (%s); relying on the cluster's own topic policy", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<NewTopic> wanted() {
        VigilConfig.Kafka.Topics names = config.kafka().topics();
        // A real cluster decides its own replication factor; the embedded broker has one node.
        Optional<Short> replication = config.kafka().embedded().enabled() ? Optional.of((short) 1) : Optional.empty();
        return List.of(
                new NewTopic(names.metrics(), Optional.of(config.kafka().metricsPartitions()), replication),
                new NewTopic(names.deploys(), Optional.of(1), replication),
                new NewTopic(names.dlq(), Optional.of(1), replication),
                new NewTopic(names.decisions(), Optional.of(1), replication),
                new NewTopic(names.cdevents(), Optional.of(1), replication),
                new NewTopic(anomaliesTopic, Optional.of(1), replication));
    }
}
