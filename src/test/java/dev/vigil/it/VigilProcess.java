package dev.vigil.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged application started as a real process, the way README's first command runs it. */
final class VigilProcess implements AutoCloseable {

    private final Path workDir;
    private final Path log;
    private final int httpPort;
    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();

    private VigilProcess(Path workDir, Path log, int httpPort, Process process) {
        this.workDir = workDir;
        this.log = log;
        this.httpPort = httpPort;
        this.process = process;
    }

    /** Starts Vigil with {@code workDir} as its working directory, so its data lands in {@code workDir/data}. */
    static VigilProcess start(Path workDir, String logName, int httpPort, int kafkaPort, int controllerPort) throws IOException {
        return start(workDir, logName, httpPort, kafkaPort, controllerPort, List.of());
    }

    /** As {@link #start(Path, String, int, int, int)}, with extra JVM options (e.g. {@code -Dkey=value}). */
    static VigilProcess start(Path workDir, String logName, int httpPort, int kafkaPort, int controllerPort,
                              List<String> jvmOptions) throws IOException {
        String jar = System.getProperty("vigil.runner.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("vigil.runner.jar not found (" + jar + "): run through 'mvnw verify'");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-Dquarkus.http.port=" + httpPort,
                "-Dvigil.kafka.embedded.port=" + kafkaPort,
                "-Dvigil.kafka.embedded.controller-port=" + controllerPort));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar));
        Path log = workDir.resolve(logName);
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new VigilProcess(workDir, log, httpPort, process);
    }

    /** Waits until readiness is UP; fails at once, with the log, if the process exits during start-up. */
    void awaitReady() {
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (!alive()) {
                throw new IllegalStateException("Vigil exited during start-up:\n" + output());
            }
            try {
                HttpResponse<String> r = get("/q/health/ready", null);
                return r.statusCode() == 200 && r.body().contains("\"UP\"");
            } catch (IOException e) {
                return false;
            }
        });
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    boolean alive() {
        return process.isAlive();
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Asks it to stop (SIGTERM) and waits for a clean exit. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Vigil did not stop within 90 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** Waits for the process to end by itself; its exit code. */
    int awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Vigil did not exit within " + within);
        }
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    /** Kills it as {@code kill -9} would (SIGKILL: no shutdown hook, no checkpoint) and waits for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    Path workDir() {
        return workDir;
    }
}
