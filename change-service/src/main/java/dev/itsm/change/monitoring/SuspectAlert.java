package dev.itsm.change.monitoring;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An alert monitoring-service suppressed because it fired inside this change's window: a suspect when the change is
 * reviewed. Written only by {@link MonitoringEventHandler} (upserts in SQL, so a stale or repeated event changes
 * nothing); read by the suspect-alerts list.
 */
@Entity
@Table(name = "change_suspect_alert")
public class SuspectAlert {

    @Id
    private UUID id;
    @Column(name = "change_id")
    private UUID changeId;
    @Column(name = "alert_id")
    private UUID alertId;
    private String number;
    private String name;
    private String severity;
    @Column(name = "ci_id")
    private UUID ciId;
    @Column(name = "ci_name")
    private String ciName;
    private String state;
    @Column(name = "suppressed_at")
    private Instant suppressedAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected SuspectAlert() {
        // for JPA
    }

    /** The row id of an alert under a change: the same for every event of the pair. */
    static UUID idOf(UUID changeId, UUID alertId) {
        return UUID.nameUUIDFromBytes((changeId + "/" + alertId).getBytes(StandardCharsets.UTF_8));
    }

    public UUID id() { return id; }
    public UUID changeId() { return changeId; }
    public UUID alertId() { return alertId; }
    public String number() { return number; }
    public String name() { return name; }
    public String severity() { return severity; }
    public UUID ciId() { return ciId; }
    public String ciName() { return ciName; }
    public String state() { return state; }
    public Instant suppressedAt() { return suppressedAt; }
    public Instant updatedAt() { return updatedAt; }
}
