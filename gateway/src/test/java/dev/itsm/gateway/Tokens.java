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
import io.smallrye.jwt.util.KeyUtils;

/** Tokens the gateway must refuse, next to the good ones from {@link TestTokens}. */
final class Tokens {

    private Tokens() {
    }

    /** Right claims, signed by a key nobody trusts. */
    static String signedByStranger(String subject, String role) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey stranger = generator.generateKeyPair().getPrivate();
        return Jwt.issuer(TestTokens.ISSUER).subject(subject).groups(Set.of(role))
                .expiresIn(Duration.ofHours(1)).jws().sign(stranger);
    }

    /** Signed with the right key but by another issuer. */
    static String fromOtherIssuer(String subject, String role) throws Exception {
        try (InputStream in = Tokens.class.getClassLoader().getResourceAsStream("itsm-test-keys/private.pem")) {
            PrivateKey key = KeyUtils.decodePrivateKey(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return Jwt.issuer("https://evil.example/issuer").subject(subject).groups(Set.of(role))
                    .expiresIn(Duration.ofHours(1)).jws().sign(key);
        }
    }

    /** An unsigned token ({@code alg: none}) with otherwise perfect claims. */
    static String unsigned(String subject, String role) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long exp = System.currentTimeMillis() / 1000 + 3600;
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"" + TestTokens.ISSUER + "\",\"sub\":\"" + subject
                + "\",\"upn\":\"" + subject + "\",\"groups\":[\"" + role + "\"],\"exp\":" + exp + "}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }

    /** A good token with one signature character changed. */
    static String tampered(String subject, String role) {
        String token = TestTokens.token(subject, role);
        char last = token.charAt(token.length() - 5);
        return token.substring(0, token.length() - 5) + (last == 'A' ? 'B' : 'A') + token.substring(token.length() - 4);
    }
}
