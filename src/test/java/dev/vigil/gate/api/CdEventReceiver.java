package dev.vigil.gate.api;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A stand-in for the outside tool that receives CDEvents over HTTP (a Knative broker, CDviz...), which is not ours:
 * a JDK HTTP server on a free port that keeps what is POSTed to {@code /events} and answers {@code GET /received}
 * with it (one line per event: content type, a tab, the body), so the test reads it over HTTP too. It is the only
 * host Vigil's sink is allowed to reach.
 */
public class CdEventReceiver implements QuarkusTestResourceLifecycleManager {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/events", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestHeaders().getFirst("Content-Type") + "\t" + body.replace('\n', ' '));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.createContext("/received", exchange -> {
            byte[] answer = received.stream().collect(Collectors.joining("\n")).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("vigil.cdevents.http.url", base + "/events",
                "vigil.cdevents.http.allowed-hosts", "127.0.0.1",
                "vigil.cdevents.http.timeout", "2s",
                "vigil.cdevents.source", "https://vigil.example.org",
                "cdevents.test.receiver", base + "/received");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
