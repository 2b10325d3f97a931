package dev.itsm.webhook.egress;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address range in CIDR notation ({@code 10.20.0.0/16}, {@code fd00:1::/64}); a bare address is a /32 or /128. */
record Cidr(byte[] network, int prefixLength) {

    static Cidr parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        if (address.isEmpty() || !address.matches("[0-9A-Fa-f:.]+")) {
            // only literals: a name here would make the allow-list depend on DNS
            throw new IllegalArgumentException("'" + text + "' is not a CIDR range (address/prefix)");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR range (address/prefix)", e);
        }
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no numeric prefix length", e);
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + bytes.length * 8);
        }
        return new Cidr(bytes, prefix);
    }

    boolean contains(InetAddress address) {
        byte[] other = address.getAddress();
        if (other.length != network.length) {
            return false;
        }
        int bits = network.length * 8;
        BigInteger mask = prefixLength == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(bits - prefixLength).shiftLeft(bits - prefixLength);
        return new BigInteger(1, network).and(mask).equals(new BigInteger(1, other).and(mask));
    }
}
