package dev.itsm.platform.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The bearer-token parser every service authenticates with (Quarkus' MpJwtValidator injects a {@link JWTParser}):
 * smallrye-jwt's own, which checks signature, issuer, audience, algorithm, expiry and age, in front of a map of the
 * tokens it has already accepted. A client sends the same token with every call, and verifying its RSA signature
 * again each time was 8.5 % of incident-service's CPU on a page of incidents (JFR, bench/FINDINGS.md), more on
 * small requests. The gateway remembers verified tokens the same way (its TokenVerifier).
 * <p>
 * A remembered token is served only while it would still pass: before its {@code exp} and before its {@code iat}
 * plus the maximum token age ({@code mp.jwt.verify.token.age}). The key is the whole token (equality, not a hash),
 * so a token differing in one character is parsed and verified afresh. Only {@link #parse(String)} — the call
 * authentication makes — is remembered; the other methods pass straight through.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    /** Enough for every user of a large desk; when full, the map starts over (one verification each). */
    static final int CAPACITY = 10_000;

    private final DefaultJWTParser verifier;
    private final Optional<Long> maxAgeSeconds;
    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();

    CachingJwtParser(DefaultJWTParser verifier,
            @ConfigProperty(name = "mp.jwt.verify.token.age") Optional<Long> maxAgeSeconds) {
        this.verifier = verifier;
        this.maxAgeSeconds = maxAgeSeconds;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        Accepted known = accepted.get(token);
        long now = System.currentTimeMillis() / 1000;
        if (known != null) {
            if (now < known.validUntilEpochSecond()) {
                return known.jwt();
            }
            accepted.remove(token);
        }
        JsonWebToken jwt = verifier.parse(token);
        if (accepted.size() >= CAPACITY) {
            accepted.clear();
        }
        accepted.put(token, new Accepted(jwt, validUntil(jwt)));
        return jwt;
    }

    /** The first second at which the token must be verified again: its expiry, or the end of its maximum age. */
    private long validUntil(JsonWebToken jwt) {
        long until = jwt.getExpirationTime();
        if (maxAgeSeconds.isPresent() && jwt.getIssuedAtTime() > 0) {
            until = Math.min(until, jwt.getIssuedAtTime() + maxAgeSeconds.get());
        }
        return until;
    }

    /** How many tokens are remembered (tests). */
    public int remembered() {
        return accepted.size();
    }

    private record Accepted(JsonWebToken jwt, long validUntilEpochSecond) {
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
