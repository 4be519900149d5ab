package dev.vigil.ops;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the Node-based validators in ops-checks/. Their npm dependencies are installed with {@code npm ci} (from
 * the committed package-lock.json) the first time, when ops-checks/node_modules is missing; CI may run
 * {@code npm ci --prefix ops-checks} beforehand instead.
 */
final class NodeChecks {

    private static final String NODE_HINT = "Install Node.js 18 or newer and npm (bin/verify does as root; Debian bookworm: "
            + "apt-get install -y nodejs npm, Node 18.20, checked to run these validators).";

    private NodeChecks() {
    }

    static synchronized void ensureInstalled() {
        ExternalTool.Result version = ExternalTool.run(OpsFiles.OPS_CHECKS, 30, NODE_HINT, "node", "--version");
        if (version.exitCode() != 0) {
            fail("node --version failed: " + version.output() + "\n" + NODE_HINT);
        }
        if (Files.isRegularFile(OpsFiles.OPS_CHECKS.resolve("node_modules/.package-lock.json"))) {
            return;
        }
        ExternalTool.Result install = ExternalTool.run(OpsFiles.OPS_CHECKS, 600, NODE_HINT,
                "npm", "ci", "--no-audit", "--no-fund");
        if (install.exitCode() != 0) {
            fail("npm ci in ops-checks failed (needs the npm registry once):\n" + install.output());
        }
    }

    /** Runs {@code node <script> <args>} in ops-checks/ and returns exit code and output. */
    static ExternalTool.Result node(String script, List<String> args) {
        ensureInstalled();
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(args);
        return ExternalTool.run(OpsFiles.OPS_CHECKS, 600, NODE_HINT, command.toArray(String[]::new));
    }
}
