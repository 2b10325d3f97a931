package dev.itsm.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.HashSet;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Mints bearer tokens for tests, signed with the test key pair in {@code itsm-test-keys/}
 * (test-only keys, never used outside tests), for the audience {@code itsm} and with {@code iat},
 * as the services' token checks require.
 */
public final class TestTokens {

    public static final String ISSUER = "https://itsm.test/issuer";
    /** The audience every ITSM service expects ({@code mp.jwt.verify.audiences}, platform default {@code itsm}). */
    public static final String AUDIENCE = "itsm";
    public static final String PUBLIC_KEY_LOCATION = "itsm-test-keys/public.pem";
    private static final String PRIVATE_KEY_LOCATION = "itsm-test-keys/private.pem";

    private static final PrivateKey SIGNING_KEY = loadPrivateKey();

    private TestTokens() {
    }

    private static PrivateKey loadPrivateKey() {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(PRIVATE_KEY_LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(PRIVATE_KEY_LOCATION + " is not on the class path");
            }
            return KeyUtils.decodePrivateKey(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot load the test signing key", e);
        }
    }

    /** A token for user {@code subject} holding {@code roles}, for the ITSM audience, issued now, valid for an hour. */
    public static String token(String subject, String... roles) {
        long now = System.currentTimeMillis() / 1000;
        return token(AUDIENCE, now, now + 3600, subject, roles);
    }

    /** A token whose lifetime is over. */
    public static String expiredToken(String subject, String... roles) {
        long now = System.currentTimeMillis() / 1000;
        return token(AUDIENCE, now - 7200, now - 3600, subject, roles);
    }

    /**
     * A token with exactly these claims, to test the checks: {@code audience} null leaves {@code aud}
     * out; {@code issuedAt} and {@code expiresAt} are epoch seconds ({@code iat}, {@code exp}).
     */
    public static String token(String audience, long issuedAt, long expiresAt, String subject, String... roles) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(new HashSet<>(Arrays.asList(roles)))
                .issuedAt(issuedAt)
                .expiresAt(expiresAt);
        if (audience != null) {
            claims.audience(audience);
        }
        return claims.jws().sign(SIGNING_KEY);
    }

    /** {@code Authorization} header value for {@code subject} with {@code roles}. */
    public static String bearer(String subject, String... roles) {
        return "Bearer " + token(subject, roles);
    }
}
