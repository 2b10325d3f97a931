package dev.itsm.sla.incident;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import dev.itsm.platform.events.ConsumerGroupProgress;
import dev.itsm.platform.events.EventConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * How far the incident stream is applied, as the scheduler needs it: caught up (every record on the topic applied,
 * by every instance), or blocked on a failing record. Its own bean so a test can hold the consumer back.
 * <p>
 * Caught up is asked of the broker when the scheduler asks ({@link ConsumerGroupProgress}: the group's committed
 * offsets against the end of each partition), so it is exact at that moment: a record published a millisecond ago
 * and not yet applied, or a batch fetched and still being applied, is not caught up. (It replaced a lag sampled
 * every 5 s plus 2 s without events, which held breaches back for seconds after every burst of incident events.)
 */
@ApplicationScoped
public class ConsumerProgress {

    /** The longest the scheduler waits for the broker's answer; no answer counts as not caught up. */
    private static final Duration BROKER_TIMEOUT = Duration.ofMillis(500);

    private final BooleanSupplier appliedEverything;
    private final IntSupplier blockedPartitions;

    @Inject
    public ConsumerProgress(ConsumerGroupProgress group, EventConsumer consumer) {
        this(() -> group.appliedEverything(IncidentEventHandler.TOPIC, BROKER_TIMEOUT), consumer::blockedPartitions);
    }

    /** From the consumer's readings as functions (a test holds the consumer back with them). */
    public ConsumerProgress(BooleanSupplier appliedEverything, IntSupplier blockedPartitions) {
        this.appliedEverything = appliedEverything;
        this.blockedPartitions = blockedPartitions;
    }

    /** Every record on the incident topic is applied and none is held on a failure. */
    public boolean caughtUp() {
        return !blocked() && appliedEverything.getAsBoolean();
    }

    /** A partition of this instance waits on a record that failed transiently: events before it are unknown. */
    public boolean blocked() {
        return blockedPartitions.getAsInt() > 0;
    }
}
