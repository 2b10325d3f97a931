package dev.itsm.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Mints bearer tokens for tests, signed with the test key pair in {@code itsm-test-keys/}
 * (test-only keys, never used outside tests).
 */
public final class TestTokens {

    public static final String ISSUER = "https://itsm.test/issuer";
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

    /** A token for user {@code subject} holding {@code roles}. */
    public static String token(String subject, String... roles) {
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(new HashSet<>(Arrays.asList(roles)))
                .expiresIn(Duration.ofHours(1))
                .jws()
                .sign(SIGNING_KEY);
    }

    /** A token whose lifetime is over. */
    public static String expiredToken(String subject, String... roles) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .groups(new HashSet<>(Arrays.asList(roles)))
                .issuedAt(now - 7200)
                .expiresAt(now - 3600)
                .jws()
                .sign(SIGNING_KEY);
    }

    /** {@code Authorization} header value for {@code subject} with {@code roles}. */
    public static String bearer(String subject, String... roles) {
        return "Bearer " + token(subject, roles);
    }
}
