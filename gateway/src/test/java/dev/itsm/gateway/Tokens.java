package dev.itsm.gateway;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import dev.itsm.testing.TestTokens;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Tokens for the gateway's tests, signed with the test kit's key: good ones (issuer
 * {@link TestTokens#ISSUER}, audience {@value #AUDIENCE}) and the ones the gateway must refuse.
 */
final class Tokens {

    /** The audience the gateway expects in the test profile, as in production. */
    static final String AUDIENCE = "itsm";
    private static final PrivateKey KEY = testKey();

    private Tokens() {
    }

    private static PrivateKey testKey() {
        try (InputStream in = Tokens.class.getClassLoader().getResourceAsStream("itsm-test-keys/private.pem")) {
            return KeyUtils.decodePrivateKey(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException("the test signing key cannot be read", e);
        }
    }

    private static JwtClaimsBuilder claims(String subject, String... roles) {
        return Jwt.issuer(TestTokens.ISSUER).subject(subject).upn(subject).groups(Set.of(roles))
                .audience(AUDIENCE).expiresIn(Duration.ofHours(1));
    }

    /** A good token for {@code subject} holding {@code roles}. */
    static String token(String subject, String... roles) {
        return claims(subject, roles).jws().sign(KEY);
    }

    /** {@code Authorization} header value with a good token. */
    static String bearer(String subject, String... roles) {
        return "Bearer " + token(subject, roles);
    }

    /** Right key, issuer and roles, but the lifetime is over. */
    static String expired(String subject, String role) {
        long now = System.currentTimeMillis() / 1000;
        return claims(subject, role).issuedAt(now - 7200).expiresAt(now - 3600).jws().sign(KEY);
    }

    /** Still within its lifetime, but issued longer ago than the 24 h a token may be used. */
    static String issuedLongAgo(String subject, String role) {
        long now = System.currentTimeMillis() / 1000;
        return claims(subject, role).issuedAt(now - 25 * 3600).expiresAt(now + 3600).jws().sign(KEY);
    }

    /** Good now, but it reaches the maximum age (24 h) in {@code seconds}, long before its exp. */
    static String reachingMaximumAgeIn(long seconds, String subject, String role) {
        long now = System.currentTimeMillis() / 1000;
        return claims(subject, role).issuedAt(now - 24 * 3600 + seconds).expiresAt(now + 3600).jws().sign(KEY);
    }

    /** Right key, issuer and roles, but meant for another client (audience). */
    static String forAudience(String audience, String subject, String role) {
        return claims(subject, role).audience(audience).jws().sign(KEY);
    }

    /** Right key, issuer and roles, but no audience at all. */
    static String withoutAudience(String subject, String role) {
        return claims(subject, role).remove("aud").jws().sign(KEY);
    }

    /** Right claims, signed by a key nobody trusts. */
    static String signedByStranger(String subject, String role) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey stranger = generator.generateKeyPair().getPrivate();
        return claims(subject, role).jws().sign(stranger);
    }

    /** Signed with the right key but by another issuer. */
    static String fromOtherIssuer(String subject, String role) {
        return claims(subject, role).issuer("https://evil.example/issuer").jws().sign(KEY);
    }

    /** An unsigned token ({@code alg: none}) with otherwise perfect claims. */
    static String unsigned(String subject, String role) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long exp = System.currentTimeMillis() / 1000 + 3600;
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"" + TestTokens.ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\""
                + subject + "\",\"upn\":\"" + subject + "\",\"groups\":[\"" + role + "\"],\"exp\":" + exp + "}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }

    /** A good token with one signature character changed. */
    static String tampered(String subject, String role) {
        String token = token(subject, role);
        char last = token.charAt(token.length() - 5);
        return token.substring(0, token.length() - 5) + (last == 'A' ? 'B' : 'A') + token.substring(token.length() - 4);
    }
}
