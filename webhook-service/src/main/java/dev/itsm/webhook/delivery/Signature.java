package dev.itsm.webhook.delivery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): {@code webhook-signature} is
 * {@code v1,<base64 HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")>}, one per signing secret,
 * space-separated, so a receiver keeps accepting deliveries while a rotated secret overlaps the old one. The key
 * is the base64-decoded part of the secret after {@code whsec_}. Receivers should also reject a
 * {@code webhook-timestamp} more than 5 minutes away from their clock (replays).
 */
public final class Signature {

    public static final String SECRET_PREFIX = "whsec_";
    private static final String ALGORITHM = "HmacSHA256";

    private Signature() {
    }

    /** The {@code webhook-signature} header value for {@code body} under every secret, in order. */
    public static String header(String webhookId, long timestampSeconds, byte[] body, List<String> secrets) {
        return secrets.stream().map(s -> "v1," + sign(s, webhookId, timestampSeconds, body)).collect(Collectors.joining(" "));
    }

    /** base64 HMAC-SHA256 of {@code "<id>.<timestamp>.<body>"} under one {@code whsec_} secret. */
    public static String sign(String secret, String webhookId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key(secret), ALGORITHM));
            mac.update((webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The HMAC key of a secret: the base64 after {@code whsec_} (a secret without the prefix is taken as base64 too). */
    static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}
