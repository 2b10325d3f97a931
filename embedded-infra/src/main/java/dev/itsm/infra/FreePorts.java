package dev.itsm.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks a free TCP port on the loopback interface for a server started later (PostgreSQL, Kafka, a service).
 * <p>
 * The port is taken <em>below</em> the kernel's ephemeral range (32768–60999 on Linux): a port handed out by
 * {@code bind(0)} comes from that range, and between the pick and the server's bind — a JVM start, 20 s on a busy
 * machine — any outgoing connection (a Kafka or JDBC client) may be given the same number as its local port, after
 * which the server cannot bind ("port in use"; seen once in CI). Ports handed out by this JVM are not handed out
 * again. If no port in the range is free, the kernel's choice is the fallback.
 */
public final class FreePorts {

    private static final int LOW = 20_000;
    private static final int HIGH = 32_000; // exclusive; below the ephemeral range
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    public static synchronized int pick() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(LOW, HIGH);
            if (!HANDED_OUT.contains(port) && isFree(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            HANDED_OUT.add(socket.getLocalPort());
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when nothing listens on {@code port} on loopback. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
