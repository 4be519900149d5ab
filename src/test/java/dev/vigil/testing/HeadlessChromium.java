package dev.vigil.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real browser for page tests: Chromium (Debian package {@code chromium}, installed by bin/verify) run headless,
 * one process per page, with a profile directory of its own so tests running at the same time never share one.
 */
public final class HeadlessChromium {

    public static final String BINARY = "/usr/bin/chromium";
    private static final long TIMEOUT_SECONDS = 90;

    private HeadlessChromium() {
    }

    /**
     * A loaded page.
     *
     * @param dom     the DOM after the page has loaded, serialised as HTML (text content escaped as a browser does)
     * @param console what the page's console received, e.g. a Content-Security-Policy violation, one entry a line
     */
    public record Loaded(String dom, List<String> console) {
    }

    public static Loaded load(String url) throws IOException, InterruptedException {
        return run(List.of("--enable-logging=stderr", "--v=0", "--dump-dom", url), null);
    }

    /** The DOM of {@link #load}. */
    public static String dumpDom(String url) throws IOException, InterruptedException {
        return load(url).dom();
    }

    /** Takes a screenshot of the page, as docs/gates.md shows, into {@code png}. */
    public static void screenshot(String url, Path png) throws IOException, InterruptedException {
        run(List.of("--window-size=1200,1600", "--screenshot=" + png, url), png);
    }

    private static Loaded run(List<String> args, Path expected) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException(BINARY + " is missing: run bin/verify (it installs the Debian package chromium)");
        }
        Path profile = Files.createTempDirectory("vigil-chromium-");
        Path err = profile.resolve("stderr.log");
        Path dom = profile.resolve("stdout.html");
        List<String> command = new ArrayList<>(List.of(BINARY, "--headless", "--disable-gpu", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.resolve("profile"),
                // the tests run as root in containers, where Chromium's sandbox cannot start
                "--no-sandbox"));
        command.addAll(args);
        // output to files, not pipes: a hung browser then cannot block the test past the timeout
        Process p = new ProcessBuilder(command).redirectOutput(dom.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("chromium did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0 || (expected != null && !Files.exists(expected))) {
                throw new IllegalStateException("chromium exited with " + p.exitValue() + ": "
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            List<String> console = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.contains(":CONSOLE")).toList();
            return new Loaded(Files.readString(dom, StandardCharsets.UTF_8), console);
        } finally {
            p.destroyForcibly();
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
