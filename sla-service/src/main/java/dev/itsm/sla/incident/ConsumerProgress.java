package dev.itsm.sla.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import dev.itsm.platform.events.EventConsumer;
import dev.itsm.sla.SlaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What this instance's event consumer says about how far it has read: caught up, or blocked on a failing
 * record. Its own bean so a test can hold the consumer back.
 * <p>
 * The platform's lag is sampled every few seconds right after a poll, so records fetched but still being
 * handled count as read (after a database outage the whole replayed batch does). Caught up therefore also
 * needs the incident handler to have been idle for {@code sla.scheduler.settle}; while events flow, the
 * scheduler goes by the stored watermark instead, which then trails the clock by little.
 */
@ApplicationScoped
public class ConsumerProgress {

    private final LongSupplier lag;
    private final IntSupplier blockedPartitions;
    private final Clock clock;
    private final Duration settle;
    private final AtomicReference<Instant> lastHandled = new AtomicReference<>(Instant.MIN);

    @Inject
    public ConsumerProgress(EventConsumer consumer, Clock clock, SlaConfig config) {
        this(consumer::lag, consumer::blockedPartitions, clock, config.scheduler().settle());
    }

    /** From the consumer's readings as functions (a test holds the consumer back with them). */
    public ConsumerProgress(LongSupplier lag, IntSupplier blockedPartitions, Clock clock, Duration settle) {
        this.lag = lag;
        this.blockedPartitions = blockedPartitions;
        this.clock = clock;
        this.settle = settle;
    }

    /** An incident event is being applied (called by the handler for every event it reads). */
    public void handling() {
        lastHandled.set(clock.instant());
    }

    /** Nothing waiting on any partition of this instance, none held on a failure, and no event applied lately. */
    public boolean caughtUp() {
        Instant now = clock.instant();
        Instant last = lastHandled.get();
        if (last.isAfter(now)) { // the clock was set back: count the quiet time from now
            lastHandled.compareAndSet(last, now);
            last = now;
        }
        return lag.getAsLong() == 0 && !blocked() && !last.plus(settle).isAfter(now);
    }

    /** A partition waits on a record that failed transiently: events before it are unknown. */
    public boolean blocked() {
        return blockedPartitions.getAsInt() > 0;
    }
}
