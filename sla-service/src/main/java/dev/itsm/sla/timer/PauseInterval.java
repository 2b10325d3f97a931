package dev.itsm.sla.timer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A span during which a timer's clock did not count: a hold, or the time an incident spent resolved. */
@Embeddable
public class PauseInterval {

    @Column(name = "paused_at", nullable = false)
    private Instant pausedAt;

    /** Null while the pause lasts. */
    @Column(name = "resumed_at")
    private Instant resumedAt;

    /** {@code ON_HOLD:AWAITING_CALLER}, {@code NEW}, {@code RESOLVED} … */
    @Column(name = "reason", nullable = false)
    private String reason;

    protected PauseInterval() {
        // for JPA
    }

    PauseInterval(Instant pausedAt, Instant resumedAt, String reason) {
        this.pausedAt = pausedAt;
        this.resumedAt = resumedAt;
        this.reason = reason;
    }

    /** Ends the pause at {@code at} unless it has ended already. */
    void endAt(Instant at) {
        if (resumedAt == null) {
            resumedAt = at;
        }
    }

    public Instant pausedAt() {
        return pausedAt;
    }

    public Instant resumedAt() {
        return resumedAt;
    }

    public String reason() {
        return reason;
    }
}
