package dev.itsm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the local stack exposes: services reachable on loopback only, the gateway too unless asked,
 * key and token files readable by their owner only from the moment they exist, and tokens meant
 * for the suite (audience) only.
 */
class LocalExposureTest {

    @TempDir
    Path home;

    @Test
    void servicesListenOnLoopbackOnlyAndTheGatewayToUnlessToldOtherwise() {
        Stack stack = new Stack(Stack.Options.isolated(home, home, null));
        for (Component c : Component.ALL) {
            assertEquals("127.0.0.1", stack.environment(c.name()).get("QUARKUS_HTTP_HOST"), c.name());
        }
        Stack lan = new Stack(Stack.Options.isolated(home, home, null).withGatewayBind("0.0.0.0"));
        for (Component c : Component.ALL) {
            Map<String, String> env = lan.environment(c.name());
            assertEquals(c.name().equals("gateway") ? "0.0.0.0" : "127.0.0.1", env.get("QUARKUS_HTTP_HOST"), c.name());
        }
    }

    @Test
    void theGatewayIsOpenedToTheNetworkOnlyOnRequest() {
        assertEquals("0.0.0.0", LocalStack.gatewayBind(new String[] { "up", "--bind", "0.0.0.0" }));
        if (System.getenv("ITSM_BIND") == null) {
            assertEquals("127.0.0.1", LocalStack.gatewayBind(new String[] { "up" }));
        }
    }

    @Test
    void theSigningKeyIsTheOwnersAloneInADirectoryOnlyTheOwnerCanEnter() throws Exception {
        Path keys = home.resolve("keys");
        TokenSigner signer = new TokenSigner(keys);
        assertTrue(signer.ensure());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("private.pem"))));
        // services and containers only verify: the public key is the one meant to be shared
        assertTrue(Files.getPosixFilePermissions(signer.publicKey()).contains(PosixFilePermission.OWNER_READ));
    }

    @Test
    void theAdminTokenFileIsTheOwnersAloneEvenWhereAnOlderReadableOneWas() throws Exception {
        Path token = home.resolve("admin.token");
        Files.writeString(token, "old");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
        OwnerOnlyFiles.write(token, "new-token");
        assertEquals("new-token", Files.readString(token));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(token)));
    }

    @Test
    void tokensAreForTheSuitesAudienceAndSayWhenTheyWereIssued() throws Exception {
        TokenSigner signer = new TokenSigner(home.resolve("keys"));
        signer.ensure();
        String token = signer.token("ann", Set.of("itsm-agent"), Duration.ofHours(1));
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"aud\":\"itsm\""), claims);
        assertTrue(claims.matches(".*\"iat\":\\d+.*"), claims);
    }
}
