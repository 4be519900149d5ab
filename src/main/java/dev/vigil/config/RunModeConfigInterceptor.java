package dev.vigil.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Derives the run mode from what the operator configured, so that one build serves both modes.
 *
 * <p>No {@code kafka.bootstrap.servers} (env {@code KAFKA_BOOTSTRAP_SERVERS}) means an embedded broker on
 * {@code vigil.kafka.embedded.port}; no {@code vigil.database.postgres-url} means the embedded H2 database.
 * Quarkus fixes each datasource's kind at build time, so both are declared and only the chosen one is switched
 * on here. An interceptor, not a config source, so that it sees every source (test overrides included).
 */
public final class RunModeConfigInterceptor implements ConfigSourceInterceptor {

    private static final String SOURCE = "vigil-run-mode";
    /** Built-in defaults live at or below this ordinal; application.properties is 250, env 300. */
    private static final int DEFAULTS_ORDINAL = 100;
    private static final String BOOTSTRAP = "kafka.bootstrap.servers";
    private static final Set<String> DERIVED = Set.of(BOOTSTRAP, "vigil.kafka.embedded.enabled",
            "quarkus.datasource.h2.active", "quarkus.datasource.postgres.active", "vigil.database.kind");
    private static final String INSTANCE_ID = "vigil.kafka.instance-id";
    /** The consumer channels and their {@code group.instance.id} keys. */
    private static final Map<String, String> STATIC_MEMBERS = Map.of(
            "mp.messaging.incoming.metrics-in.group.instance.id", "metrics-in",
            "mp.messaging.incoming.deploys-in.group.instance.id", "deploys-in");

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        return switch (name) {
            case BOOTSTRAP -> {
                ConfigValue explicit = context.proceed(name);
                yield configured(explicit) ? explicit : derived(name, "localhost:" + embeddedPort(context));
            }
            case "vigil.kafka.embedded.enabled" -> derived(name, Boolean.toString(!configured(context.proceed(BOOTSTRAP))));
            case "quarkus.datasource.postgres.active" -> derived(name, Boolean.toString(postgres(context)));
            case "quarkus.datasource.h2.active" -> derived(name, Boolean.toString(!postgres(context)));
            case "vigil.database.kind" -> derived(name, postgres(context) ? "postgres" : "h2");
            default -> STATIC_MEMBERS.containsKey(name) ? staticMember(context, name) : context.proceed(name);
        };
    }

    /**
     * The channel's explicit value if any, else {@code <instance>-<channel>}, else none (dynamic membership). Quarkus
     * records the value derived at build time (embedded, so {@code vigil-embedded-<channel>}) as a built-in default:
     * that one does not count as explicit, or every replica in cluster mode would claim the same static member id
     * and fence the others.
     */
    private static ConfigValue staticMember(ConfigSourceInterceptorContext context, String name) {
        ConfigValue explicit = context.proceed(name);
        if (configured(explicit)) {
            return explicit;
        }
        ConfigValue instance = context.proceed(INSTANCE_ID);
        String prefix = isSet(instance) ? instance.getValue().trim()
                : configured(context.proceed(BOOTSTRAP)) ? null : "vigil-embedded";
        return prefix == null ? null : derived(name, prefix + "-" + STATIC_MEMBERS.get(name));
    }

    @Override
    public Iterator<String> iterateNames(ConfigSourceInterceptorContext context) {
        Set<String> names = new LinkedHashSet<>();
        context.iterateNames().forEachRemaining(names::add);
        names.addAll(DERIVED);
        for (String member : STATIC_MEMBERS.keySet()) {
            if (staticMember(context, member) != null) {
                names.add(member);
            }
        }
        return names.iterator();
    }

    private static boolean postgres(ConfigSourceInterceptorContext context) {
        return isSet(context.proceed("vigil.database.postgres-url"));
    }

    private static String embeddedPort(ConfigSourceInterceptorContext context) {
        ConfigValue port = context.proceed("vigil.kafka.embedded.port");
        return isSet(port) ? port.getValue() : "9092";
    }

    private static ConfigValue derived(String name, String value) {
        return ConfigValue.builder().withName(name).withValue(value).withRawValue(value)
                .withConfigSourceName(SOURCE).build();
    }

    /**
     * Set by someone, not by an extension's built-in default (the Kafka extension defaults the bootstrap
     * servers to localhost:9092, which must not count as "an external broker was configured").
     */
    private static boolean configured(ConfigValue value) {
        return isSet(value) && value.getConfigSourceOrdinal() > DEFAULTS_ORDINAL;
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }
}
