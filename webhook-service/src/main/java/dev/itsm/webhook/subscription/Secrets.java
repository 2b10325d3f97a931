package dev.itsm.webhook.subscription;

import java.security.SecureRandom;
import java.util.Base64;

/** Standard Webhooks signing secrets: {@code whsec_} + base64 of the HMAC key. */
final class Secrets {

    static final String PREFIX = "whsec_";
    /** Generated keys: 32 random bytes, the size of an HMAC-SHA256 block's output. */
    static final int GENERATED_BYTES = 32;
    /** A client-supplied key must have at least this many bytes (192 bits). */
    static final int MIN_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    static String generate() {
        byte[] key = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** What is wrong with a client-supplied secret, or null when it is acceptable. */
    static String problem(String secret) {
        if (!secret.startsWith(PREFIX)) {
            return "must start with " + PREFIX + " (Standard Webhooks format: whsec_<base64 key>)";
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return "the part after " + PREFIX + " must be base64";
        }
        if (key.length < MIN_BYTES) {
            return "too short: the key must have at least " + MIN_BYTES + " bytes, this one has " + key.length;
        }
        return null;
    }
}
