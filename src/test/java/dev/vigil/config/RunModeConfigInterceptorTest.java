package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class RunModeConfigInterceptorTest {

    private static final String METRICS_MEMBER = "mp.messaging.incoming.metrics-in.group.instance.id";
    private static final String DEPLOYS_MEMBER = "mp.messaging.incoming.deploys-in.group.instance.id";

    @Test
    void withTheEmbeddedBrokerTheConsumersAreStaticMembers() {
        SmallRyeConfig config = config(Map.of());
        assertEquals("vigil-embedded-metrics-in", config.getValue(METRICS_MEMBER, String.class));
        assertEquals("vigil-embedded-deploys-in", config.getValue(DEPLOYS_MEMBER, String.class));
        assertTrue(names(config).contains(METRICS_MEMBER), "the connector finds it when it lists the channel's keys");
    }

    @Test
    void inClusterModeWithoutAnInstanceIdMembershipStaysDynamic() {
        SmallRyeConfig config = config(Map.of("kafka.bootstrap.servers", "kafka-1:9092"));
        assertEquals(Optional.empty(), config.getOptionalValue(METRICS_MEMBER, String.class));
        assertFalse(names(config).contains(METRICS_MEMBER));
    }

    @Test
    void inClusterModeTheValueRecordedAtBuildTimeIsNotTakenForAnExplicitOne() {
        // Quarkus records what the interceptor derived at build time (embedded) as a built-in default: three replicas
        // reading it would all claim one static member id and fence each other (found by ClusterFaultIT).
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("kafka.bootstrap.servers", "kafka-1:9092"), "test", 250))
                .withDefaultValue(METRICS_MEMBER, "vigil-embedded-metrics-in")
                .withInterceptors(new RunModeConfigInterceptor())
                .build();
        assertEquals(Optional.empty(), config.getOptionalValue(METRICS_MEMBER, String.class));
    }

    @Test
    void inClusterModeAnInstanceIdNamesEachConsumer() {
        SmallRyeConfig config = config(Map.of("kafka.bootstrap.servers", "kafka-1:9092", "vigil.kafka.instance-id", "vigil-2"));
        assertEquals("vigil-2-metrics-in", config.getValue(METRICS_MEMBER, String.class));
        assertEquals("vigil-2-deploys-in", config.getValue(DEPLOYS_MEMBER, String.class));
    }

    @Test
    void anExplicitChannelSettingWins() {
        SmallRyeConfig config = config(Map.of(METRICS_MEMBER, "mine"));
        assertEquals("mine", config.getValue(METRICS_MEMBER, String.class));
    }

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 250))
                .withInterceptors(new RunModeConfigInterceptor())
                .build();
    }

    private static java.util.List<String> names(SmallRyeConfig config) {
        return StreamSupport.stream(config.getPropertyNames().spliterator(), false).toList();
    }
}
