package dev.vigil.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Derives the run mode from what the operator configured, so that one build serves both modes.
 *
 * <p>No {@code kafka.bootstrap.servers} (env {@code KAFKA_BOOTSTRAP_SERVERS}) means an embedded broker on the
 * configured port; no {@code vigil.database.postgres-url} means the embedded H2 database. Quarkus fixes each
 * datasource's kind at build time, so both are declared and only the chosen one is switched on here.
 */
public final class RunModeConfigSourceFactory implements ConfigSourceFactory {

    /** Below environment variables and system properties (300, 400), above application.properties (250). */
    static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> derived = new HashMap<>();
        boolean postgres = isSet(context.getValue("vigil.database.postgres-url"));
        derived.put("quarkus.datasource.postgres.active", Boolean.toString(postgres));
        derived.put("quarkus.datasource.h2.active", Boolean.toString(!postgres));
        derived.put("vigil.database.kind", postgres ? "postgres" : "h2");
        if (!isSet(context.getValue("kafka.bootstrap.servers"))) {
            ConfigValue port = context.getValue("vigil.kafka.embedded.port");
            String embeddedPort = isSet(port) ? port.getValue() : "9092";
            derived.put("kafka.bootstrap.servers", "localhost:" + embeddedPort);
            derived.put("vigil.kafka.embedded.enabled", "true");
        }
        return List.of(new MapBackedConfigSource("vigil-run-mode", derived, ORDINAL) {});
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }
}
