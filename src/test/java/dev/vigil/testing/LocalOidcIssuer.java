package dev.vigil.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local OIDC issuer standing in for GitHub's ({@code https://token.actions.githubusercontent.com}) and GitLab's,
 * which a test cannot ask for tokens: the JDK's HTTP server on a free port, serving a discovery document and a JWK
 * set of keys generated here, and signing ID tokens with them. Two more issuers are configured that cannot answer:
 * one whose port refuses connections, one that accepts them and never says a word.
 *
 * <p>It is a test resource like {@link VigilTestResource} (so global to the suite): the app under test trusts
 * issuer {@code ci} at {@link #url()} for audience {@link #AUDIENCE}, with the claim rules of {@link #start()}.
 */
public class LocalOidcIssuer implements QuarkusTestResourceLifecycleManager {

    public static final String AUDIENCE = "vigil-test";

    private static volatile LocalOidcIssuer running;

    private HttpServer server;
    private ServerSocket silent;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final List<JWK> published = new CopyOnWriteArrayList<>();
    private volatile RSAKey rsa;
    private final ECKey ec;
    private final AtomicInteger keyFetches = new AtomicInteger();
    private final AtomicInteger rotations = new AtomicInteger();
    private String url;
    private String downUrl;
    private String silentUrl;

    public LocalOidcIssuer() {
        rsa = rsaKey("rsa-1");
        ec = ecKey("ec-1");
    }

    /** The issuer the test resource started (the app under test trusts it). */
    public static LocalOidcIssuer running() {
        if (running == null) {
            throw new IllegalStateException("LocalOidcIssuer is not started: annotate the test with"
                    + " @QuarkusTestResource(LocalOidcIssuer.class)");
        }
        return running;
    }

    @Override
    public Map<String, String> start() {
        try {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
            url = "http://127.0.0.1:" + server.getAddress().getPort();
            server.createContext("/.well-known/openid-configuration", ex -> json(ex,
                    "{\"issuer\":\"" + url + "\",\"jwks_uri\":\"" + url + "/keys\"}"));
            server.createContext("/keys", ex -> {
                keyFetches.incrementAndGet();
                json(ex, new JWKSet(List.copyOf(published)).toString(true));
            });
            server.start();
            silent = new ServerSocket(0, 50, loopback);
            silentUrl = "http://127.0.0.1:" + silent.getLocalPort();
            Thread acceptor = new Thread(this::holdConnections, "silent-oidc-issuer");
            acceptor.setDaemon(true);
            acceptor.start();
            downUrl = "http://127.0.0.1:" + VigilTestResource.freePort(); // nothing listens there
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        published.add(rsa.toPublicJWK());
        published.add(ec.toPublicJWK());
        running = this;
        Map<String, String> config = new HashMap<>();
        String ci = "vigil.security.oidc.issuers.ci.";
        config.put(ci + "issuer-url", url);
        config.put(ci + "audience", AUDIENCE);
        config.put(ci + "identity-claims", "repository,ref");
        // As a GitHub deployment would be configured: the main branch of acme/shop may ask the gate for shop in ci (the
        // environment of the default policy, which needs no Prometheus).
        rule(config, ci, "shop-main", Map.of("repository", "acme/shop", "ref", "refs/heads/main"), "gate", "shop", "ci");
        // One rule per role for the auth matrix: pipelines of acme/matrix in an environment named after the role.
        for (String role : List.of("viewer", "ingest", "gate", "feedback")) {
            rule(config, ci, "matrix-" + role, Map.of("repository", "acme/matrix", "environment", role), role, null, null);
        }
        for (Map.Entry<String, String> unreachable : Map.of("down", downUrl, "silent", silentUrl).entrySet()) {
            String prefix = "vigil.security.oidc.issuers." + unreachable.getKey() + ".";
            config.put(prefix + "issuer-url", unreachable.getValue());
            config.put(prefix + "audience", AUDIENCE);
            rule(config, prefix, "any-main", Map.of("ref", "refs/heads/main"), "gate", null, null);
        }
        // Small enough that an unreachable issuer fails fast and a rotated key is fetched at once.
        config.put("vigil.security.oidc.connect-timeout", "1s");
        config.put("vigil.security.oidc.read-timeout", "1s");
        config.put("vigil.security.oidc.jwks-min-refetch", "0s");
        return config;
    }

    private static void rule(Map<String, String> config, String issuer, String name, Map<String, String> claims,
            String role, String service, String environment) {
        String prefix = issuer + "claim-rules." + name + ".";
        claims.forEach((claim, pattern) -> config.put(prefix + "claims." + claim, pattern));
        config.put(prefix + "roles", role);
        if (service != null) {
            config.put(prefix + "services", service);
        }
        if (environment != null) {
            config.put(prefix + "environments", environment);
        }
    }

    @Override
    public void stop() {
        running = null;
        if (server != null) {
            server.stop(0);
        }
        held.forEach(LocalOidcIssuer::close);
        close(silent);
    }

    public String url() {
        return url;
    }

    public String downUrl() {
        return downUrl;
    }

    public String silentUrl() {
        return silentUrl;
    }

    /** How often the key set was fetched. */
    public int keyFetches() {
        return keyFetches.get();
    }

    /** Replaces the RSA signing key by a new one of a new key id, as an issuer rotating its keys does. */
    public synchronized RSAKey rotate() {
        RSAKey previous = rsa;
        rsa = rsaKey("rsa-" + (rotations.incrementAndGet() + 1));
        published.add(rsa.toPublicJWK());
        published.removeIf(k -> k.getKeyID().equals(previous.getKeyID()));
        return rsa;
    }

    public RSAKey rsaKey() {
        return rsa;
    }

    public ECKey ecKey() {
        return ec;
    }

    /** Claims of a GitHub Actions ID token of this issuer, valid for five minutes from now. */
    public JWTClaimsSet.Builder claims(String repository, String ref) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(url).audience(AUDIENCE)
                .subject("repo:" + repository + ":ref:" + ref)
                .claim("repository", repository).claim("ref", ref).claim("repository_owner", repository.split("/")[0])
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    /** An ID token signed RS256 with the current key. */
    public String token(JWTClaimsSet.Builder claims) {
        return sign(claims.build(), JWSAlgorithm.RS256, rsa.getKeyID(), new RSASSASigner(signingKey(rsa)));
    }

    public String token(String repository, String ref) {
        return token(claims(repository, ref));
    }

    /** A token signed as asked, for the ones that must be refused. */
    public static String sign(JWTClaimsSet claims, JWSAlgorithm alg, String kid, JWSSigner signer) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    public static ECDSASigner ecSigner(ECKey key) {
        try {
            return new ECDSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey ecKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.security.PrivateKey signingKey(RSAKey key) {
        try {
            return key.toPrivateKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Accepts connections and keeps them open without answering: an issuer that hangs. */
    private void holdConnections() {
        while (!silent.isClosed()) {
            try {
                held.add(silent.accept());
            } catch (IOException e) {
                return; // closed by stop()
            }
        }
    }

    private static void close(java.io.Closeable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (IOException e) {
            // shutting down anyway
        }
    }
}
