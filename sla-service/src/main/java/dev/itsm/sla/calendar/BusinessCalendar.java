package dev.itsm.sla.calendar;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A business calendar as stored (the entity): name, IANA time zone, and the weekly hours and holidays
 * of its {@link CalendarRequest} in a jsonb column. Its arithmetic is {@link WorkingTime}.
 */
@Entity
@Table(name = "sla_calendar")
public class BusinessCalendar extends PanacheEntityBase {

    /** The built-in around-the-clock calendar. */
    public static final UUID TWENTY_FOUR_SEVEN = UUID.fromString("00000000-0000-0000-0000-000000000247");

    @Id
    private UUID id;
    @Column(nullable = false)
    private String name;
    @Column(name = "time_zone", nullable = false)
    private String timeZone;
    /** Weekly hours and holidays (name and zone are columns of their own). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    private CalendarRequest definition;
    @Column(name = "built_in", nullable = false)
    private boolean builtIn;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected BusinessCalendar() {
        // for JPA
    }

    /** A new (never built-in) calendar. */
    public static BusinessCalendar create(UUID id, CalendarRequest d, Instant now) {
        BusinessCalendar c = new BusinessCalendar();
        c.id = id;
        c.builtIn = false;
        c.createdAt = now;
        c.edit(d, now);
        return c;
    }

    /** Takes the (validated) definition's name, zone, hours and holidays. */
    public void edit(CalendarRequest d, Instant now) {
        name = d.name();
        timeZone = d.timeZone();
        definition = new CalendarRequest(null, null, d.weeklyHours(), d.holidays());
        updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String timeZone() {
        return timeZone;
    }

    /** The calendar as clients write it. */
    public CalendarRequest definition() {
        return new CalendarRequest(name, timeZone, definition.weeklyHours(), definition.holidays());
    }

    public boolean builtIn() {
        return builtIn;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
