package dev.itsm.webhook.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class SignatureTest {

    // The Standard Webhooks reference vector, re-computed by hand with
    // printf '%s' 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}' \
    //   | openssl dgst -sha256 -mac HMAC -macopt hexkey:$(echo -n MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw | base64 -d | xxd -p -c 100) -binary | base64
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsIdTimestampAndBodyAsStandardWebhooksDoes() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                Signature.header("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, BODY, List.of(SECRET)));
    }

    @Test
    void signsWithEverySecretDuringARotationOverlap() {
        String other = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        String header = Signature.header("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, BODY, List.of(other, SECRET));
        String[] parts = header.split(" ");
        assertEquals(2, parts.length);
        assertEquals("v1," + Signature.sign(other, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, BODY), parts[0]);
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", parts[1]);
    }
}
