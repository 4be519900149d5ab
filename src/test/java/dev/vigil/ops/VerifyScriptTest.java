package dev.vigil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/verify (run by README's test command before the tests) decides what to install from what is on PATH. Its functions run here in bash
 * with a PATH made of stub programs only, so a machine without promtool, Node or apt-get is simulated without
 * uninstalling anything. apt-get, id and the tools it looks for are stubs: they stand for the machine, which is
 * outside our control; the script's own logic is what runs.
 */
class VerifyScriptTest {

    private static final Path SCRIPT = OpsFiles.ROOT.resolve("bin/verify");

    @TempDir
    Path stubs;

    private record Run(int exitCode, String stdout, String stderr) {
    }

    @Test
    void aMachineWithoutPromtoolNeedsThePrometheusPackage() throws Exception {
        stub("node", "npm", "chromium");
        assertEquals("prometheus\n", run("missing_packages").stdout());
    }

    @Test
    void aFreshMachineNeedsPromtoolNodeAndNpmButPostgresOnlyWhenRequired() throws Exception {
        assertEquals("prometheus\nnodejs\nnpm\nchromium\n", run("missing_packages").stdout());
        assertEquals("prometheus\nnodejs\nnpm\nchromium\npostgresql\n",
                run(Map.of("VIGIL_REQUIRE_POSTGRES", "true"), "missing_packages").stdout());
    }

    @Test
    void aMachineWithoutChromiumNeedsTheChromiumPackageForTheDecisionPageTests() throws Exception {
        stub("promtool", "prometheus", "node", "npm", "apt-get");
        assertEquals("chromium\n", run("missing_packages").stdout());
        script("id", "echo 1000");
        Run run = run("ensure_packages");
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("a headless browser (package chromium)")
                && run.stderr().contains("`sudo apt-get install chromium`"), run.stderr());
    }

    @Test
    void aPostgresThatAnswersIsEnoughWithoutTheServerPackage() throws Exception {
        stub("promtool", "prometheus", "node", "npm", "chromium", "pg_isready");
        assertEquals("", run(Map.of("VIGIL_REQUIRE_POSTGRES", "true"), "missing_packages").stdout());
    }

    @Test
    void withoutRootItStopsWithOneSentenceNamingWhatIsMissingAndHowToInstallIt() throws Exception {
        stub("node", "npm", "chromium", "apt-get");
        script("id", "echo 1000");
        Run run = run("ensure_packages");
        assertEquals(1, run.exitCode());
        List<String> lines = run.stderr().lines().toList();
        assertEquals(1, lines.size(), run.stderr());
        assertTrue(lines.get(0).contains("promtool and prometheus (package prometheus)"), lines.get(0));
        assertTrue(lines.get(0).contains("`sudo apt-get install prometheus`"), lines.get(0));
        assertFalse(Files.exists(stubs.resolve("apt.log")), "apt-get must not run without root");
    }

    @Test
    void asRootWithoutAptGetItAlsoStopsWithTheSentence() throws Exception {
        script("id", "echo 0");
        Run run = run("ensure_packages");
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("`sudo apt-get install prometheus nodejs npm chromium`"), run.stderr());
        assertEquals(1, run.stderr().lines().count(), run.stderr());
    }

    @Test
    void asRootItInstallsOnlyWhatIsMissingAndIsSilentOnceEverythingIsThere() throws Exception {
        stub("node", "npm", "chromium");
        script("id", "echo 0");
        // Debian's apt-get, recorded: "installing" prometheus makes promtool and prometheus appear on PATH as the real
        // package would.
        script("apt-get", "echo \"$*\" >> " + stubs.resolve("apt.log") + "\n"
                + "case \"$*\" in *install*prometheus*) for p in promtool prometheus; do printf '#!/bin/sh\\n' > "
                + stubs + "/$p; /bin/chmod +x " + stubs + "/$p; done;; esac");
        Run first = run("ensure_packages");
        assertEquals(0, first.exitCode(), first.stderr());
        assertEquals(List.of("update -qq", "install -y -qq --no-install-recommends prometheus"),
                Files.readAllLines(stubs.resolve("apt.log")));
        assertEquals("[verify] installing prometheus (Debian packages)\n", first.stderr());

        Run second = run("ensure_packages");
        assertEquals(new Run(0, "", ""), second);
        assertEquals(2, Files.readAllLines(stubs.resolve("apt.log")).size(), "nothing installed the second time");
    }

    @Test
    void ciRunsExactlyReadmesTestCommandWhichRunsThisScriptFirst() throws IOException {
        String readme = Files.readString(OpsFiles.ROOT.resolve("README.md"));
        assertTrue(readme.contains("\n./mvnw verify "), "README's command 2 is ./mvnw verify");
        List<String> ciCommands = Files.readAllLines(OpsFiles.ROOT.resolve(".ci/run")).stream()
                .filter(l -> l.contains("mvnw") && !l.startsWith("#")).toList();
        assertEquals(List.of("./mvnw verify"), ciCommands);
        String pom = Files.readString(OpsFiles.ROOT.resolve("pom.xml"));
        assertTrue(pom.contains("<argument>bin/verify</argument>"), "the build runs bin/verify before the tests");
    }

    // ---------------------------------------------------------------------------------------------------------

    private void stub(String... programs) throws IOException {
        for (String program : programs) {
            script(program, "exit 0");
        }
    }

    private void script(String name, String body) throws IOException {
        Path file = stubs.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Run run(String function) throws Exception {
        return run(Map.of(), function);
    }

    /** Sources bin/verify (which then only defines its functions) and calls one, with PATH = the stubs only. */
    private Run run(Map<String, String> env, String function) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", "-c", "source \"$1\" && \"$2\"", "verify",
                SCRIPT.toString(), function);
        builder.environment().clear();
        builder.environment().put("PATH", stubs.toString());
        builder.environment().putAll(env);
        Path out = stubs.resolve("out.txt");
        Path err = stubs.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "bin/verify's " + function + " did not finish in 30 s");
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
