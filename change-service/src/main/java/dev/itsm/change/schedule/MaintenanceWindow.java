package dev.itsm.change.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A recurring weekly maintenance window of one service, in the service's time zone. */
@Entity
@Table(name = "maintenance_window")
public class MaintenanceWindow extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "service_id")
    public UUID serviceId;
    public String name;
    /** Comma-separated {@link DayOfWeek} names. */
    @Column(name = "days_of_week")
    public String daysOfWeek;
    /** Local start time, {@code HH:mm}. */
    @Column(name = "start_time")
    public String startTime;
    @Column(name = "duration_minutes")
    public int durationMinutes;
    @Column(name = "time_zone")
    public String timeZone;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    public Set<DayOfWeek> days() {
        return Arrays.stream(daysOfWeek.split(",")).filter(s -> !s.isBlank()).map(String::trim).map(DayOfWeek::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class)));
    }

    public static String days(Set<DayOfWeek> days) {
        return days.stream().sorted().map(DayOfWeek::name).collect(Collectors.joining(","));
    }

    public MaintenanceRule toRule() {
        return new MaintenanceRule(id, serviceId, name, days(), LocalTime.parse(startTime), Duration.ofMinutes(durationMinutes),
                ZoneId.of(timeZone));
    }
}
