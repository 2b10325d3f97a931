package dev.itsm.webhook.egress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where webhooks may go (SSRF protection). A subscriber chooses the URL, so without this rule anyone
 * with the integration role could make the service call the cloud metadata endpoint or an internal
 * admin port. Checked twice: on the URL when a subscription is created or edited ({@link #problems}),
 * and on the address actually connected to at delivery time ({@link #allows}), because a name can
 * resolve to a public address today and to 10.0.0.1 tomorrow (DNS rebinding).
 * <p>
 * Refused unless inside {@code webhook.target.allowed-networks}: loopback (allowed with
 * {@code webhook.target.allow-loopback}, as in tests and the local stack), link-local (incl. the
 * metadata address 169.254.169.254, fe80::/10), private (10/8, 172.16/12, 192.168/16, fc00::/7,
 * fec0::/10), carrier-grade NAT (100.64/10), "this network" 0/8 and the unspecified address,
 * multicast, and 240/4 incl. broadcast.
 */
@ApplicationScoped
public class TargetPolicy {

    private static final Cidr THIS_NETWORK = Cidr.parse("0.0.0.0/8");
    private static final Cidr CGNAT = Cidr.parse("100.64.0.0/10");
    private static final Cidr RESERVED = Cidr.parse("240.0.0.0/4");
    private static final Cidr UNIQUE_LOCAL = Cidr.parse("fc00::/7");
    private static final Cidr METADATA = Cidr.parse("169.254.169.254/32");

    private final boolean allowLoopback;
    private final List<Cidr> allowedNetworks;

    TargetPolicy(@ConfigProperty(name = "webhook.target.allow-loopback", defaultValue = "false") boolean allowLoopback,
            @ConfigProperty(name = "webhook.target.allowed-networks") Optional<List<String>> allowedNetworks) {
        this.allowLoopback = allowLoopback;
        List<Cidr> networks = new ArrayList<>();
        for (String n : allowedNetworks.orElse(List.of())) {
            if (!n.isBlank()) {
                try {
                    networks.add(Cidr.parse(n));
                } catch (IllegalArgumentException e) {
                    // fail at start-up rather than silently refusing (or allowing) targets later
                    throw new IllegalStateException("webhook.target.allowed-networks: " + e.getMessage(), e);
                }
            }
        }
        this.allowedNetworks = List.copyOf(networks);
    }

    /** What is wrong with {@code url} as a subscription's target; empty when it is acceptable. */
    public List<String> problems(URI url) {
        List<String> problems = new ArrayList<>();
        if (url == null || !url.isAbsolute() || url.isOpaque()) {
            problems.add("must be an absolute https URL");
            return problems;
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            problems.add("scheme " + scheme + " is not allowed: https required");
            return problems;
        }
        String host = url.getHost();
        if (host == null || host.isBlank()) {
            problems.add("must name a host");
            return problems;
        }
        if (url.getRawUserInfo() != null) {
            problems.add("must not carry user information (credentials belong in the signature secret, not the URL)");
        }
        List<InetAddress> addresses = resolve(host);
        boolean loopbackTarget = !addresses.isEmpty() && addresses.stream().allMatch(InetAddress::isLoopbackAddress);
        if (scheme.equals("http") && !(loopbackTarget && allowLoopback)) {
            problems.add("https required: plain http is only accepted for a loopback host when webhook.target.allow-loopback is set");
        }
        for (InetAddress address : addresses) {
            if (!allows(address)) {
                problems.add("address " + address.getHostAddress() + (isLiteral(host) ? "" : " (of " + host + ")") + " is not allowed: "
                        + kind(address) + " (SSRF protection; an operator may allow a network with webhook.target.allowed-networks)");
            }
        }
        return problems;
    }

    /** Whether a delivery may connect to {@code address}; asked for the address actually connected to. */
    public boolean allows(InetAddress address) {
        if (allowedNetworks.stream().anyMatch(n -> n.contains(address))) {
            return true;
        }
        if (address.isLoopbackAddress()) {
            return allowLoopback;
        }
        return kind(address) == null;
    }

    /** Why {@code address} is refused by default, or null for a public unicast address. */
    private static String kind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (METADATA.contains(address)) {
            return "the cloud metadata address";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isAnyLocalAddress() || (address instanceof Inet4Address && THIS_NETWORK.contains(address))) {
            return "unspecified / this network";
        }
        if (address.isSiteLocalAddress() || (address instanceof Inet6Address && UNIQUE_LOCAL.contains(address))) {
            return "private network";
        }
        if (CGNAT.contains(address)) {
            return "carrier-grade NAT (shared) network";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        if (RESERVED.contains(address)) {
            return "reserved / broadcast";
        }
        return null;
    }

    /**
     * The host's addresses. A name that does not resolve now is accepted (it may resolve only from
     * the delivery network, or later); every delivery checks the address it connects to anyway.
     */
    private static List<InetAddress> resolve(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return List.of(InetAddress.getAllByName(h));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    private static boolean isLiteral(String host) {
        return host.startsWith("[") || host.matches("[0-9.]+");
    }
}
