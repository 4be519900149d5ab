package dev.vigil.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote repositories as an attacker would serve them, on real local listeners (JDK HTTP server, plain sockets): a
 * redirect to another host, a server that never answers, one that trickles, one that sends too much. None of them
 * is a git server: each fails the clone before any git data would matter.
 */
class GitRemoteSafetyTest {

    static final GitRepositories.Credentials CREDS = new GitRepositories.Credentials("ci", "s3cret");
    static final TransferLimits FAST = new TransferLimits(Duration.ofSeconds(1), 64 * 1024, Duration.ofSeconds(3));

    final List<AutoCloseable> servers = new CopyOnWriteArrayList<>();
    @TempDir
    Path cache;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    /** What the redirect target saw: the Authorization header of every request ("" when none). */
    final List<String> targetAuthorizations = new CopyOnWriteArrayList<>();

    HttpServer server(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", handler);
        s.setExecutor(Executors.newCachedThreadPool());
        s.start();
        servers.add(() -> s.stop(0));
        return s;
    }

    String target() throws IOException {
        HttpServer b = server(ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            targetAuthorizations.add(auth == null ? "" : auth);
            ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"b\"");
            ex.sendResponseHeaders(401, -1);
            ex.close();
        });
        return "http://127.0.0.1:" + b.getAddress().getPort();
    }

    @Test
    void aRedirectAfterAuthenticationNeverCarriesTheCredentialsToTheNextHost() throws Exception {
        String target = target();
        HttpServer a = server(ex -> {
            if (ex.getRequestHeaders().getFirst("Authorization") == null) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"a\"");
                ex.sendResponseHeaders(401, -1);
            } else {
                ex.getResponseHeaders().add("Location", target + ex.getRequestURI());
                ex.sendResponseHeaders(302, -1);
            }
            ex.close();
        });
        String url = "http://localhost:" + a.getAddress().getPort() + "/acme/shop.git";

        IOException e = assertThrows(IOException.class,
                () -> GitRepositories.open(url, cache, Optional.of(CREDS), FAST));

        assertTrue(targetAuthorizations.stream().allMatch(String::isEmpty),
                "the redirect target received credentials: " + targetAuthorizations);
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertFalse(Files.list(cache).findAny().isPresent(), "a failed clone leaves no half mirror behind");
    }

    @Test
    void aRedirectStraightAwayIsRefusedAndTheTargetIsNeverAskedForCredentials() throws Exception {
        String target = target();
        HttpServer a = server(ex -> {
            ex.getResponseHeaders().add("Location", target + ex.getRequestURI());
            ex.sendResponseHeaders(301, -1);
            ex.close();
        });
        String url = "http://localhost:" + a.getAddress().getPort() + "/acme/shop.git";

        IOException e = assertThrows(IOException.class,
                () -> GitRepositories.open(url, cache, Optional.of(CREDS), FAST));

        assertEquals(List.of(), targetAuthorizations.stream().filter(h -> !h.isEmpty()).toList());
        assertTrue(targetAuthorizations.isEmpty(), "redirects are not followed at all: " + targetAuthorizations);
        assertTrue(e.getMessage().contains("301") || e.getMessage().toLowerCase().contains("redirect"), e.getMessage());
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersFailsWithinTheTimeout() throws Exception {
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        servers.add(silent);
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(silent.accept()); // and never answer
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        String url = "http://127.0.0.1:" + silent.getLocalPort() + "/stalled.git";

        long started = System.nanoTime();
        assertThrows(IOException.class, () -> GitRepositories.open(url, cache, Optional.empty(), FAST));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertFalse(accepted.isEmpty(), "the listener was reached");
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
    }

    @Test
    void aServerThatTricklesIsCutAtTheTransferTimeCap() throws Exception {
        HttpServer trickle = server(ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 600; i++) { // at most a minute, well past the 3 s cap
                    out.write(refLine(i));
                    out.flush();
                    Thread.sleep(100); // the server's pace, not test synchronisation
                }
            } catch (IOException | InterruptedException gone) {
                // the client hung up, as it should
            }
        });
        String url = "http://127.0.0.1:" + trickle.getAddress().getPort() + "/slow.git";
        TransferLimits limits = new TransferLimits(Duration.ofSeconds(1), Long.MAX_VALUE, Duration.ofSeconds(2));

        long started = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> GitRepositories.open(url, cache, Optional.empty(), limits));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(e.getMessage().contains("max-transfer-time"), e.getMessage());
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
    }

    @Test
    void aServerThatSendsTooMuchIsCutAtTheTransferSizeCap() throws Exception {
        HttpServer flood = server(ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 100_000; i++) { // about 6 MB, 100 times the cap
                    out.write(refLine(i));
                }
            } catch (IOException gone) {
                // the client hung up, as it should
            }
        });
        String url = "http://127.0.0.1:" + flood.getAddress().getPort() + "/big.git";

        IOException e = assertThrows(IOException.class, () -> GitRepositories.open(url, cache, Optional.empty(), FAST));

        assertTrue(e.getMessage().contains("max-transfer-size"), e.getMessage());
    }

    /** One line of a dumb-protocol {@code info/refs}: valid, so the client keeps reading. */
    private static byte[] refLine(int i) {
        return String.format("%040x\trefs/heads/b%d%n", i, i).getBytes(StandardCharsets.US_ASCII);
    }
}
