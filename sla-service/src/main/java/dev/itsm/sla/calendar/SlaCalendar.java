package dev.itsm.sla.calendar;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A stored business calendar; {@code definition} is the JSON of {@link CalendarDefinition}. */
@Entity
@Table(name = "sla_calendar")
public class SlaCalendar extends PanacheEntityBase {

    /** The built-in around-the-clock calendar. */
    public static final UUID TWENTY_FOUR_SEVEN = UUID.fromString("00000000-0000-0000-0000-000000000247");

    @Id
    public UUID id;
    @Column(nullable = false)
    public String name;
    @Column(name = "time_zone", nullable = false)
    public String timeZone;
    @Column(nullable = false)
    public String definition;
    @Column(name = "built_in", nullable = false)
    public boolean builtIn;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Version
    public long version;
}
