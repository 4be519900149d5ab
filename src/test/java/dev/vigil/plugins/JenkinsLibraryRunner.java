package dev.vigil.plugins;

import com.lesfurets.jenkins.unit.BasePipelineTest;
import groovy.lang.Closure;
import groovy.lang.Script;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a step of our shared library ({@code vars/<name>.groovy}) with JenkinsPipelineUnit, the way a Jenkinsfile
 * calls it. {@code sh} is really executed (the script written to a file and run by its shebang's interpreter, or
 * {@code sh -xe}, in the workspace, with the environment {@code withEnv} and {@code withCredentials} set up), and
 * {@code readFile} really reads the workspace. The other steps are Jenkins built-ins outside our control, so they
 * are emulated with Jenkins' documented behaviour: {@code withCredentials}/{@code string} bind a secret text from
 * the credentials given here, {@code error} aborts the build (FAILURE), {@code unstable} marks it UNSTABLE and
 * goes on.
 */
final class JenkinsLibraryRunner extends BasePipelineTest {

    /** Thrown by {@code error}: Jenkins' AbortException, which ends the build as FAILURE. */
    static final class Aborted extends RuntimeException {
        Aborted(String message) {
            super(message);
        }
    }

    /** The step's return value, the error that aborted it (or null), the build result and the console log. */
    record Outcome(Object returned, String error, String buildResult, String log) {
    }

    private final Path workspace;
    private final Map<String, String> credentials;
    private final Map<String, String> env;
    private final Deque<Map<String, String>> scopes = new ArrayDeque<>();
    private final StringBuilder console = new StringBuilder();
    private String result = "SUCCESS";

    JenkinsLibraryRunner(Path workspace, Map<String, String> env, Map<String, String> credentials) throws Exception {
        this.workspace = workspace;
        this.env = new LinkedHashMap<>(env);
        this.env.put("WORKSPACE", workspace.toString());
        this.env.put("WORKSPACE_TMP", Files.createDirectories(workspace.resolveSibling(workspace.getFileName() + "@tmp")).toString());
        this.credentials = credentials;
        setUp();
        getBinding().setVariable("env", this.env);
        register("sh", new Closure<Object>(this) {
            public Object doCall(Map<String, Object> args) {
                return sh(args);
            }
        }, Map.class);
        register("readFile", new Closure<Object>(this) {
            public Object doCall(String file) throws IOException {
                return Files.readString(workspace.resolve(file));
            }
        }, String.class);
        register("withEnv", new Closure<Object>(this) {
            public Object doCall(List<Object> vars, Closure<?> body) {
                Map<String, String> scope = new LinkedHashMap<>();
                vars.forEach(v -> scope.put(v.toString().substring(0, v.toString().indexOf('=')),
                        v.toString().substring(v.toString().indexOf('=') + 1)));
                return within(scope, body);
            }
        }, List.class, Closure.class);
        register("string", new Closure<Object>(this) {
            public Object doCall(Map<String, Object> binding) {
                return binding;
            }
        }, Map.class);
        register("withCredentials", new Closure<Object>(this) {
            public Object doCall(List<Map<String, Object>> bindings, Closure<?> body) {
                Map<String, String> scope = new LinkedHashMap<>();
                for (Map<String, Object> b : bindings) {
                    String secret = credentials.get(String.valueOf(b.get("credentialsId")));
                    if (secret == null) {
                        throw new Aborted("Could not find credentials entry with ID '" + b.get("credentialsId") + "'");
                    }
                    scope.put(String.valueOf(b.get("variable")), secret);
                }
                return within(scope, body);
            }
        }, List.class, Closure.class);
        register("error", new Closure<Object>(this) {
            public Object doCall(String message) {
                result = "FAILURE";
                throw new Aborted(message);
            }
        }, String.class);
        register("unstable", new Closure<Object>(this) {
            public Object doCall(String message) {
                console.append("WARNING: ").append(message).append('\n');
                if (!"FAILURE".equals(result)) {
                    result = "UNSTABLE";
                }
                return null;
            }
        }, String.class);
        register("echo", new Closure<Object>(this) {
            public Object doCall(String message) {
                console.append(message).append('\n');
                return null;
            }
        }, String.class);
    }

    private void register(String name, Closure<Object> body, Class<?>... args) {
        getHelper().registerAllowedMethod(name, List.of(args), body);
    }

    /** Calls {@code vars/<step>.groovy} with {@code args}, as {@code step(args)} in a Jenkinsfile does. */
    Outcome call(Path vars, String step, Map<String, Object> args) {
        Script script = loadScript(vars.resolve(step + ".groovy").toAbsolutePath().toString());
        try {
            Object returned = script.invokeMethod("call", new Object[] {new LinkedHashMap<>(args)});
            return new Outcome(returned, null, result, console.toString());
        } catch (Aborted e) {
            return new Outcome(null, e.getMessage(), result, console.toString());
        }
    }

    private Object within(Map<String, String> scope, Closure<?> body) {
        scopes.push(scope);
        try {
            return body.call();
        } finally {
            scopes.pop();
        }
    }

    private Object sh(Map<String, Object> args) {
        String script = String.valueOf(args.get("script"));
        Map<String, String> processEnv = new LinkedHashMap<>(env);
        scopes.descendingIterator().forEachRemaining(processEnv::putAll);
        Path file = Shell.scriptFile(Path.of(env.get("WORKSPACE_TMP")), script);
        List<String> command = script.startsWith("#!")
                ? List.of(script.substring(2, script.indexOf('\n')).trim(), file.toString())
                : List.of("sh", "-xe", file.toString());
        Shell.Run run = Shell.run(command, workspace, processEnv);
        console.append(run.log());
        if (Boolean.TRUE.equals(args.get("returnStatus"))) {
            return run.exit();
        }
        if (run.exit() != 0) {
            result = "FAILURE";
            throw new Aborted("script returned exit code " + run.exit());
        }
        return Boolean.TRUE.equals(args.get("returnStdout")) ? run.log() : null;
    }
}
