package dev.vigil.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link KafkaBrokerMain} started as a process on this JVM's class path; stopping it and starting it again keeps its log. */
final class BrokerProcess implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private Process process;
    private int starts;

    BrokerProcess(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Starts it and waits until it says it serves (or fails at once, with its output, if it exits). */
    void start() throws IOException {
        Files.createDirectories(dir);
        Path log = dir.resolve("broker-" + (++starts) + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), KafkaBrokerMain.class.getName(),
                dir.resolve("log").toString(), Integer.toString(port), Integer.toString(controllerPort));
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker exited:\n" + Files.readString(log));
            }
            return Files.readString(log).contains(KafkaBrokerMain.READY);
        });
    }

    /** SIGTERM, and waits for it to be gone. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
