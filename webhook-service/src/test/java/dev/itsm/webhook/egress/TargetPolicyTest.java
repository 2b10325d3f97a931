package dev.itsm.webhook.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF policy on addresses (delivery time) and URLs (subscription time). */
class TargetPolicyTest {

    static final TargetPolicy STRICT = new TargetPolicy(false, Optional.empty());
    static final TargetPolicy LOCAL = new TargetPolicy(true, Optional.empty());

    static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "127.1.2.3", "::1", "169.254.169.254", "169.254.1.1", "fe80::1", "10.0.0.1", "172.16.0.1",
            "172.31.255.255", "192.168.0.1", "fc00::1", "fd12:3456::1", "fec0::1", "100.64.0.1", "100.127.255.255", "0.0.0.0",
            "0.1.2.3", "::", "224.0.0.251", "ff02::1", "255.255.255.255", "240.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254" })
    void nonPublicAddressesAreRefusedByDefault(String address) throws Exception {
        assertFalse(STRICT.allows(ip(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = { "93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "11.0.0.1" })
    void publicAddressesAreAllowed(String address) throws Exception {
        assertTrue(STRICT.allows(ip(address)), address);
    }

    @Test
    void loopbackOnlyWithTheFlagAndTheMetadataAddressNeverByDefault() throws Exception {
        assertTrue(LOCAL.allows(ip("127.0.0.1")));
        assertTrue(LOCAL.allows(ip("::1")));
        assertFalse(LOCAL.allows(ip("169.254.169.254")));
        assertFalse(LOCAL.allows(ip("10.0.0.1")));
    }

    @Test
    void allowedNetworksOpenExactlyTheirRange() throws Exception {
        TargetPolicy p = new TargetPolicy(false, Optional.of(List.of("10.20.0.0/16", " fd00:1::/64", "192.168.7.7")));
        assertTrue(p.allows(ip("10.20.5.6")));
        assertFalse(p.allows(ip("10.21.0.1")));
        assertTrue(p.allows(ip("fd00:1::99")));
        assertFalse(p.allows(ip("fd00:2::1")));
        assertTrue(p.allows(ip("192.168.7.7")));
        assertFalse(p.allows(ip("192.168.7.8")));
        assertTrue(p.problems(URI.create("https://10.20.1.1/hook")).isEmpty());
    }

    @Test
    void aBadAllowedNetworkStopsTheStart() {
        assertThrows(IllegalStateException.class, () -> new TargetPolicy(false, Optional.of(List.of("10.0.0.0/33"))));
        assertThrows(IllegalStateException.class, () -> new TargetPolicy(false, Optional.of(List.of("intranet.example.com/8"))));
    }

    @Test
    void httpsIsRequiredExceptToLoopbackWithTheFlag() {
        assertTrue(LOCAL.problems(URI.create("http://127.0.0.1:8099/hook")).isEmpty());
        assertTrue(LOCAL.problems(URI.create("http://localhost:8099/hook")).isEmpty());
        assertTrue(STRICT.problems(URI.create("http://127.0.0.1:8099/hook")).stream().anyMatch(p -> p.startsWith("https required")));
        assertTrue(LOCAL.problems(URI.create("http://93.184.216.34/hook")).stream().anyMatch(p -> p.startsWith("https required")));
        assertEquals(List.of(), STRICT.problems(URI.create("https://93.184.216.34/hook")));
    }

    @Test
    void theRefusedAddressIsNamed() {
        assertEquals(List.of("address 169.254.169.254 is not allowed: the cloud metadata address (SSRF protection; an operator may "
                + "allow a network with webhook.target.allowed-networks)"), STRICT.problems(URI.create("https://169.254.169.254/latest")));
        assertTrue(STRICT.problems(URI.create("https://localhost/x")).stream().anyMatch(p -> p.contains("(of localhost)") && p.contains("loopback")));
    }
}
