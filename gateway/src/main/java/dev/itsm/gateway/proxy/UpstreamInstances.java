package dev.itsm.gateway.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The instances of one service and the order in which a request tries them: round-robin over the
 * instances that are up, then — only because "down" is a guess from a refused connection a moment
 * ago — the ones marked down. An instance that refuses a connection is marked down for
 * {@code downFor} (passive health: no probe traffic); once that has passed it takes its turn again,
 * and an answer clears the mark at once.
 */
public final class UpstreamInstances {

    private final List<UpstreamInstance> all;
    private final long downForNanos;
    private final LongSupplier nanoClock;
    private final AtomicInteger turn = new AtomicInteger();

    UpstreamInstances(List<UpstreamInstance> all, Duration downFor, LongSupplier nanoClock) {
        if (all.isEmpty()) {
            throw new IllegalArgumentException("an upstream needs at least one URL");
        }
        this.all = List.copyOf(all);
        this.downForNanos = downFor.toNanos();
        this.nanoClock = nanoClock;
    }

    /** {@code http://a:1,http://b:2} (blanks around the commas allowed) → one instance per URL. */
    static List<UpstreamInstance> parse(String urls, long connectTimeoutMillis, long idleTimeoutMillis) {
        List<UpstreamInstance> instances = new ArrayList<>();
        for (String url : urls.split(",")) {
            String trimmed = url.trim();
            if (!trimmed.isEmpty()) {
                instances.add(new UpstreamInstance(trimmed, connectTimeoutMillis, idleTimeoutMillis));
            }
        }
        return instances;
    }

    public List<UpstreamInstance> all() {
        return all;
    }

    /** The instances one proxied request tries, in order; each call advances the round-robin turn. */
    List<UpstreamInstance> forRequest() {
        if (all.size() == 1) {
            return all;
        }
        return ordered(Math.floorMod(turn.getAndIncrement(), all.size()));
    }

    /**
     * The instances a gateway-initiated call (API documents) tries: in configured order, the ones
     * marked down last — without taking a proxied request's turn.
     */
    List<UpstreamInstance> inPreferenceOrder() {
        return all.size() == 1 ? all : ordered(0);
    }

    private List<UpstreamInstance> ordered(int start) {
        long now = nanoClock.getAsLong();
        List<UpstreamInstance> up = new ArrayList<>(all.size());
        List<UpstreamInstance> down = new ArrayList<>(1);
        for (int i = 0; i < all.size(); i++) {
            UpstreamInstance instance = all.get((start + i) % all.size());
            (instance.isDown(now) ? down : up).add(instance);
        }
        up.addAll(down);
        return up;
    }

    /** {@code instance} could not be connected to: skipped for {@code downFor}. */
    void refused(UpstreamInstance instance) {
        instance.markDown(nanoClock.getAsLong(), downForNanos);
    }

    /** {@code instance} answered: it is up, whatever it refused before. */
    void answered(UpstreamInstance instance) {
        instance.markUp();
    }
}
