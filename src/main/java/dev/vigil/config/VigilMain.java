package dev.vigil.config;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Vigil's entry point: before Quarkus starts anything, a Vigil that keeps state in its data directory (embedded
 * broker or H2) takes {@link DataDirLock} on it, and a second one on the same directory exits with one sentence
 * instead of H2's "file is locked" stack trace. Then Quarkus runs as usual.
 */
@QuarkusMain
public final class VigilMain {

    /** Held until the process ends. */
    private static DataDirLock dataDirLock;

    private VigilMain() {
    }

    public static void main(String... args) {
        Optional<Path> dataDir = statefulDataDir(startupConfig());
        if (dataDir.isPresent()) {
            try {
                Optional<DataDirLock> lock = DataDirLock.tryAcquire(dataDir.get());
                if (lock.isEmpty()) {
                    System.err.println(DataDirLock.refusal(dataDir.get()));
                    System.exit(1);
                }
                dataDirLock = lock.get();
            } catch (IOException e) {
                System.err.println("Cannot use the data directory " + dataDir.get().toAbsolutePath().normalize() + ": "
                        + e.getMessage());
                System.exit(1);
            }
        }
        Quarkus.run(args);
    }

    /** The data directory when this run keeps state there (embedded broker or H2), as the application derives it. */
    static Optional<Path> statefulDataDir(SmallRyeConfig config) {
        boolean embeddedKafka = config.getValue("vigil.kafka.embedded.enabled", Boolean.class);
        boolean h2 = "h2".equals(config.getValue("vigil.database.kind", String.class));
        return embeddedKafka || h2
                ? Optional.of(Path.of(config.getOptionalValue("vigil.data-dir", String.class).orElse("./data")))
                : Optional.empty();
    }

    /**
     * The keys that decide the run mode and data directory, from where an operator sets them before start: system
     * properties, environment, {@code config/application.properties} in the working directory and the application's
     * own application.properties, with the run mode derived by {@link RunModeConfigInterceptor}.
     */
    static SmallRyeConfig startupConfig() {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().addDefaultInterceptors().addSystemSources()
                .withInterceptors(new RunModeConfigInterceptor());
        URL packaged = VigilMain.class.getClassLoader().getResource("application.properties");
        Path local = Path.of("config", "application.properties");
        try {
            if (packaged != null) {
                builder.withSources(new PropertiesConfigSource(packaged, 250));
            }
            if (Files.isRegularFile(local)) {
                builder.withSources(new PropertiesConfigSource(local.toUri().toURL(), 260));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the start-up configuration", e);
        }
        return builder.build();
    }
}
