package dev.itsm.gateway.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.itsm.gateway.GatewayConfig;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Verifies bearer tokens with smallrye-jwt — the same {@code mp.jwt.verify.*} settings (public key
 * or JWKS location, issuer, RS256) as the services — and remembers verified tokens until they
 * expire or reach the maximum token age ({@code mp.jwt.verify.token.age}), so a client's repeated calls cost
 * one map lookup instead of one RSA verification.
 * Signature, issuer, expiry and algorithm ({@code alg:none} is never accepted) are checked by
 * smallrye-jwt; the first verification of a token runs on a worker thread because a JWKS location
 * may have to be fetched.
 */
@ApplicationScoped
public class TokenVerifier {

    private final JWTParser parser;
    private final Vertx vertx;
    private final int cacheSize;
    private final Optional<Long> maxAgeSeconds;
    private final Map<TokenKey, VerifiedToken> verified = new ConcurrentHashMap<>();

    public TokenVerifier(JWTParser parser, Vertx vertx, GatewayConfig config,
            @ConfigProperty(name = "mp.jwt.verify.token.age") Optional<Long> maxAgeSeconds) {
        this.parser = parser;
        this.vertx = vertx;
        this.cacheSize = config.auth().cacheSize();
        this.maxAgeSeconds = maxAgeSeconds;
    }

    /** The verified token, or a failed future whose message says why it is not acceptable. */
    public Future<VerifiedToken> verify(String token) {
        TokenKey key = new TokenKey(token);
        VerifiedToken known = verified.get(key);
        if (known != null) {
            if (known.validUntilEpochSecond() > System.currentTimeMillis() / 1000) {
                return Future.succeededFuture(known);
            }
            verified.remove(key);
        }
        return vertx.executeBlocking(() -> parse(token), false);
    }

    private VerifiedToken parse(String token) throws InvalidTokenException {
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            throw new InvalidTokenException("The bearer token is not valid (bad signature, issuer, algorithm or format, or expired)");
        } catch (RuntimeException e) {
            throw new InvalidTokenException("The bearer token could not be read");
        }
        String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
        if (subject == null) {
            throw new InvalidTokenException("The bearer token has no subject");
        }
        Set<String> groups = jwt.getGroups() == null ? Set.of() : Set.copyOf(jwt.getGroups());
        // remembered only while smallrye-jwt would still accept it: before exp and within the maximum age
        long validUntil = jwt.getExpirationTime();
        if (maxAgeSeconds.isPresent() && jwt.getIssuedAtTime() > 0) {
            validUntil = Math.min(validUntil, jwt.getIssuedAtTime() + maxAgeSeconds.get());
        }
        VerifiedToken result = new VerifiedToken(subject, groups, validUntil);
        if (verified.size() >= cacheSize) {
            verified.clear();
        }
        verified.put(new TokenKey(token), result);
        return result;
    }

    /**
     * A token as a map key. A token arrives as a new string with every request, so its hash would
     * be computed over all its ~700 characters each time; this key hashes only the last 32 — the
     * signature's, which are as good as random — and still compares the whole token for equality.
     */
    private static final class TokenKey {
        private static final int HASHED = 32;

        private final String token;
        private final int hash;

        TokenKey(String token) {
            this.token = token;
            int h = token.length();
            for (int i = Math.max(0, token.length() - HASHED); i < token.length(); i++) {
                h = 31 * h + token.charAt(i);
            }
            this.hash = h;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TokenKey key && key.hash == hash && key.token.equals(token);
        }
    }

    /** A token that must be answered with 401. */
    public static final class InvalidTokenException extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidTokenException(String message) {
            super(message, null, false, false);
        }
    }
}
