package dev.vigil.security;

/** Who made a request, as the audit records it: the token's (or CI pipeline's) id and name, never a secret. */
public record Caller(String tokenId, String tokenName) {

    public static Caller of(ApiToken token) {
        return new Caller(token.id(), token.name());
    }
}
