package dev.vigil.plugins;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a plug-in's shell code as a real process, as the CI system would, and waits for it with a deadline. */
final class Shell {

    /** Exit code and what the process printed (standard output and error interleaved, as a CI log shows them). */
    record Run(int exit, String log) {
    }

    private Shell() {
    }

    /**
     * Runs {@code command} in {@code dir} with exactly the inherited PATH, HOME and the given variables: a CI job
     * sees its own variables, not the test JVM's.
     */
    static Run run(List<String> command, Path dir, Map<String, String> env) {
        try {
            Path log = Files.createTempFile(dir, "log", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> e = pb.environment();
            String path = e.get("PATH");
            String home = e.get("HOME");
            e.clear();
            e.put("PATH", path);
            e.put("HOME", home);
            e.putAll(env);
            Process p = pb.start();
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            assertTrue(done, "the plug-in finished within 120 s: " + Files.readString(log, StandardCharsets.UTF_8));
            return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code script} to a file in {@code dir} and returns its path. */
    static Path scriptFile(Path dir, String script) {
        try {
            Path file = Files.createTempFile(dir, "script", ".sh");
            Files.writeString(file, script, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
