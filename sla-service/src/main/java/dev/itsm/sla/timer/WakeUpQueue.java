package dev.itsm.sla.timer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One instance's in-memory view of the next checks due soon: (instant, timer) ordered by instant, at most one
 * entry per timer (a newer row version replaces an older one: a retarget moves the wake-up, a pause removes it).
 * <p>
 * It is a hint, never the truth: the scheduler's round claims rows in the database, and a stale entry only
 * costs a round that finds nothing. What it promises is bounded by {@link #loadedUpTo()}: every timer whose
 * committed next check is at or before it is in the queue, provided it was loaded from the database or changed by
 * this instance since (timers changed by other instances are the polling safety net's). Entries later than that
 * bound are not kept, so memory is bounded by the horizon of a load and by the capacity; when the capacity cuts
 * a load short, the bound is lowered to the last entry kept and a reload follows once half of it is consumed.
 */
final class WakeUpQueue {

    private static final Comparator<NextCheck> BY_TIME = Comparator.comparing(NextCheck::at).thenComparing(NextCheck::timerId);

    private final int capacity;
    private final TreeSet<NextCheck> byTime = new TreeSet<>(BY_TIME);
    private final Map<UUID, NextCheck> byTimer = new HashMap<>();
    private Instant loadedUpTo = Instant.MIN;
    private boolean truncated;

    WakeUpQueue(int capacity) {
        this.capacity = capacity;
    }

    /** A timer's next check as committed: kept when due within the loaded bound and newer than what is known. */
    synchronized void apply(NextCheck check) {
        put(check, loadedUpTo);
    }

    private void put(NextCheck check, Instant bound) {
        NextCheck known = byTimer.get(check.timerId());
        if (known != null) {
            if (known.version() > check.version()) {
                return;
            }
            byTime.remove(known);
            byTimer.remove(check.timerId());
        }
        if (check.at() == null || check.at().isAfter(bound)) {
            return;
        }
        byTime.add(check);
        byTimer.put(check.timerId(), check);
        if (byTime.size() > capacity) {
            NextCheck last = byTime.pollLast();
            byTimer.remove(last.timerId());
            loadedUpTo = last.at().minusNanos(1);
            truncated = true;
        }
        if (!byTime.isEmpty() && byTime.first() == check) {
            notifyAll(); // the waiting scheduler sleeps towards a later head
        }
    }

    /**
     * Merges a load from the database: rows with a next check up to {@code upTo}, ordered, {@code limit} at most.
     * Entries are merged rather than replaced: a change committed after the load's snapshot must not be lost.
     */
    synchronized void load(List<NextCheck> rows, Instant upTo, int limit) {
        truncated = rows.size() >= limit;
        loadedUpTo = truncated ? rows.get(rows.size() - 1).at().minusNanos(1) : upTo;
        Instant lastRead = rows.isEmpty() ? upTo : rows.get(rows.size() - 1).at();
        rows.forEach(row -> put(row, lastRead)); // the last instant read is kept even when it is not promised
    }

    /** Whether the loaded window runs out within half a horizon (or half of a capacity-cut load is consumed). */
    synchronized boolean needsLoad(Instant now, Duration horizon) {
        if (truncated) {
            return byTime.size() <= capacity / 2;
        }
        return !now.plus(horizon.dividedBy(2)).isBefore(loadedUpTo);
    }

    /** The earliest next check, or null. */
    synchronized Instant head() {
        return byTime.isEmpty() ? null : byTime.first().at();
    }

    /** Removes and returns the entries due at or before {@code upTo}. */
    synchronized List<NextCheck> takeDue(Instant upTo) {
        List<NextCheck> due = new ArrayList<>();
        while (!byTime.isEmpty() && !byTime.first().at().isAfter(upTo)) {
            NextCheck c = byTime.pollFirst();
            byTimer.remove(c.timerId());
            due.add(c);
        }
        return due;
    }

    /**
     * Sleeps until the head is due, an earlier entry arrives, or {@code atMost} has passed. The sleep is bounded
     * because the clock may jump (tests move it; a real one may be stepped), and the caller looks at it again.
     */
    synchronized void awaitHead(Instant now, Duration atMost) throws InterruptedException {
        Duration wait = atMost;
        if (!byTime.isEmpty()) {
            Duration untilHead = Duration.between(now, byTime.first().at());
            wait = untilHead.compareTo(wait) < 0 ? untilHead : wait;
        }
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        long nanos = wait.toNanos();
        wait(nanos / 1_000_000, (int) (nanos % 1_000_000));
    }

    /** Sleeps for {@code duration} whatever the head (what is due waits for something else), unless woken. */
    synchronized void pause(Duration duration) throws InterruptedException {
        long nanos = duration.toNanos();
        if (nanos > 0) {
            wait(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    }

    /** Ends a wait at once (shutdown). */
    synchronized void wakeUp() {
        notifyAll();
    }

    synchronized int size() {
        return byTime.size();
    }

    synchronized Instant loadedUpTo() {
        return loadedUpTo;
    }
}
