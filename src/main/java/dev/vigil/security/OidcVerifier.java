package dev.vigil.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Verifies the OIDC ID token a CI pipeline sends as its bearer token ("keyless CI": the pipeline keeps no secret of
 * Vigil's). A token is accepted when its {@code iss} is exactly a configured issuer's, it is signed (RS256 or ES256,
 * nothing else) by a key of that issuer's key set, its {@code aud} contains the issuer's audience, it is within
 * {@code exp}/{@code nbf}/{@code iat} give or take {@code clockSkew}, and one of the issuer's claim rules matches its
 * claims; that rule gives the pipeline its roles and scope. Reasons for a refusal are told to the caller; they never
 * contain the token.
 */
public final class OidcVerifier {

    /** What became of a bearer token that looked like a JWT. */
    public enum Kind {
        VALID,
        /** Not a token of a trusted issuer, or not valid now: 401. */
        INVALID,
        /** A valid token, but no claim rule lets its pipeline in: 403. */
        FORBIDDEN,
        /** The issuer's keys could not be fetched: 401, the caller is not at fault. */
        UNAVAILABLE
    }

    /** @param reason why it was refused (null when valid), fit to show the caller */
    public record Verdict(Kind kind, Principal principal, String reason) {
        static Verdict valid(Principal principal) {
            return new Verdict(Kind.VALID, principal, null);
        }

        static Verdict refused(Kind kind, String reason) {
            return new Verdict(kind, null, reason);
        }
    }

    /** Timing of key fetches and of token validity. */
    public record Settings(Duration jwksRefresh, Duration jwksMinRefetch, Duration connectTimeout, Duration readTimeout,
            Duration clockSkew) {
    }

    /**
     * A compact JWS: three base64url parts, the first a JSON object ({@code {"} encodes as {@code ey}). Issued API
     * tokens ({@code vgl_...}) have no dots; an operator's own admin token is taken for a JWT only if it looks like one.
     */
    private static final Pattern JWT_SHAPE = Pattern.compile("ey[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    /** GitHub's and GitLab's ID tokens are 1-2 KB; nothing larger is parsed. */
    private static final int MAX_LENGTH = 8192;
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    private static final int MAX_NAME = 200;

    private final Map<String, OidcIssuer> byIssuer = new LinkedHashMap<>();
    private final Map<String, IssuerKeys> keys = new LinkedHashMap<>();
    private final Clock clock;
    private final Duration clockSkew;

    public OidcVerifier(List<OidcIssuer> issuers, Settings settings, Clock clock) {
        this.clock = clock;
        this.clockSkew = settings.clockSkew();
        // An HTTP client has a thread of its own: none while OIDC is off.
        JwksClient client = issuers.isEmpty() ? null : new JwksClient(settings.connectTimeout(), settings.readTimeout());
        for (OidcIssuer issuer : issuers) {
            if (byIssuer.put(issuer.issuer().toString(), issuer) != null) {
                throw new IllegalArgumentException("two OIDC issuers have the issuer-url " + issuer.issuer());
            }
            keys.put(issuer.name(), new IssuerKeys(issuer, client, clock, settings.jwksRefresh(),
                    settings.jwksMinRefetch()));
        }
    }

    /** True when some issuer is configured (the default has none: OIDC is off). */
    public boolean enabled() {
        return !byIssuer.isEmpty();
    }

    /** A bearer value this verifier decides: OIDC is on and the value has a JWT's shape. */
    public boolean accepts(String bearer) {
        return enabled() && bearer.length() <= MAX_LENGTH && JWT_SHAPE.matcher(bearer).matches();
    }

    public Verdict verify(String bearer) {
        if (!accepts(bearer)) {
            return invalid("the bearer token is not an ID token of a trusted issuer");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            JWT parsed = JWTParser.parse(bearer);
            if (!(parsed instanceof SignedJWT signed)) {
                return invalid("the ID token is not signed (alg " + parsed.getHeader().getAlgorithm() + "); RS256 or ES256 only");
            }
            jwt = signed;
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return invalid("the bearer token is not a well-formed JWT");
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(alg)) {
            return invalid("the ID token's algorithm " + alg + " is not accepted; RS256 or ES256 only");
        }
        OidcIssuer issuer = claims.getIssuer() == null ? null : byIssuer.get(claims.getIssuer());
        if (issuer == null) {
            return invalid("the ID token's issuer is not trusted (vigil.security.oidc.issuers.*.issuer-url)");
        }
        Optional<String> bad;
        try {
            bad = badSignature(issuer, jwt, alg);
        } catch (JwksClient.Unavailable e) {
            return Verdict.refused(Kind.UNAVAILABLE, "the keys of OIDC issuer '" + issuer.name() + "' could not be"
                    + " fetched: " + e.getMessage());
        }
        if (bad.isPresent()) {
            return invalid(bad.get());
        }
        Optional<String> untimely = untimely(claims);
        if (untimely.isPresent()) {
            return invalid(untimely.get());
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(issuer.audience())) {
            return invalid("the ID token's audience does not include '" + issuer.audience() + "'");
        }
        return authorize(issuer, claims.getClaims());
    }

    private static Verdict invalid(String reason) {
        return Verdict.refused(Kind.INVALID, reason);
    }

    private Optional<String> badSignature(OidcIssuer issuer, SignedJWT jwt, JWSAlgorithm alg) throws JwksClient.Unavailable {
        String kid = jwt.getHeader().getKeyID();
        if (kid == null || kid.isBlank()) {
            return Optional.of("the ID token names no signing key (kid)");
        }
        Optional<JWK> key = keys.get(issuer.name()).find(kid);
        if (key.isEmpty()) {
            return Optional.of("OIDC issuer '" + issuer.name() + "' has no key '" + cut(kid, 64) + "'");
        }
        JWK jwk = key.get();
        if ((jwk.getAlgorithm() != null && !alg.equals(jwk.getAlgorithm()))
                || (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse()))) {
            return Optional.of("key '" + cut(kid, 64) + "' is not for " + alg + " signatures");
        }
        try {
            Optional<JWSVerifier> verifier = verifier(jwk, alg);
            if (verifier.isEmpty()) {
                return Optional.of("key '" + cut(kid, 64) + "' does not fit " + alg);
            }
            return jwt.verify(verifier.get()) ? Optional.empty() : Optional.of("the ID token's signature does not verify");
        } catch (JOSEException e) {
            return Optional.of("the ID token's signature does not verify");
        }
    }

    /** RS256 with an RSA key, ES256 with a P-256 key: the key type follows the algorithm, never the reverse. */
    private static Optional<JWSVerifier> verifier(JWK jwk, JWSAlgorithm alg) throws JOSEException {
        if (alg.equals(JWSAlgorithm.RS256) && jwk instanceof RSAKey rsa) {
            return Optional.of(new RSASSAVerifier(rsa.toRSAPublicKey()));
        }
        if (alg.equals(JWSAlgorithm.ES256) && jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
            return Optional.of(new ECDSAVerifier(ec.toECPublicKey()));
        }
        return Optional.empty();
    }

    private Optional<String> untimely(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            return Optional.of("the ID token has no expiry (exp)");
        }
        if (now.isAfter(exp.toInstant().plus(clockSkew))) {
            return Optional.of("the ID token expired at " + exp.toInstant());
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(clockSkew).isBefore(nbf.toInstant())) {
            return Optional.of("the ID token is not valid before " + nbf.toInstant());
        }
        Date iat = claims.getIssueTime();
        if (iat != null && now.plus(clockSkew).isBefore(iat.toInstant())) {
            return Optional.of("the ID token was issued in the future (" + iat.toInstant() + ")");
        }
        return Optional.empty();
    }

    /** The first claim rule (by name) that matches decides; when none does, each says which claim it missed. */
    private static Verdict authorize(OidcIssuer issuer, Map<String, Object> claims) {
        String name = identity(issuer, claims);
        List<String> misses = new ArrayList<>();
        for (ClaimRule rule : issuer.rules()) {
            Optional<String> miss = rule.mismatch(claims);
            if (miss.isEmpty()) {
                return Verdict.valid(new Principal(issuer.principalId(), name, rule.roles(), rule.scope()));
            }
            misses.add("rule '" + rule.name() + "': " + miss.get());
        }
        return Verdict.refused(Kind.FORBIDDEN, cut("no claim rule of OIDC issuer '" + issuer.name() + "' lets in "
                + name + " (" + String.join("; ", misses) + ")", 1000));
    }

    /** {@code oidc:<issuer>:<claim>@<claim>...}, e.g. {@code oidc:github:acme/shop@refs/heads/main}. */
    private static String identity(OidcIssuer issuer, Map<String, Object> claims) {
        String values = issuer.identityClaims().stream()
                .map(c -> String.valueOf(claims.getOrDefault(c, "-")))
                .collect(Collectors.joining("@"));
        return cut("oidc:" + issuer.name() + ":" + values, MAX_NAME);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
