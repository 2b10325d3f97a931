package dev.itsm.sla.timer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A span during which a timer's clock did not count: a hold, or the time an incident spent resolved. */
@Embeddable
public class PauseInterval {

    @Column(name = "paused_at", nullable = false)
    public Instant pausedAt;

    /** Null while the pause lasts. */
    @Column(name = "resumed_at")
    public Instant resumedAt;

    /** {@code ON_HOLD:AWAITING_CALLER}, {@code NEW}, {@code RESOLVED} … */
    @Column(name = "reason", nullable = false)
    public String reason;

    public PauseInterval() {
    }

    public PauseInterval(Instant pausedAt, String reason) {
        this.pausedAt = pausedAt;
        this.reason = reason;
    }
}
