package dev.itsm.change.schedule;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.itsm.change.VersionedEntity;
import dev.itsm.change.events.ChangeWindowChanged;
import dev.itsm.change.events.ChangeWindowChanged.WindowKind;
import dev.itsm.change.events.EditOperation;
import dev.itsm.platform.problem.ValidationException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A recurring weekly maintenance window of one service, in the service's time zone. */
@Entity
@Table(name = "maintenance_window")
public class MaintenanceWindow extends VersionedEntity
        implements EditableWindow<WindowRequests.Maintenance, WindowRequests.MaintenanceView> {

    @Column(name = "service_id")
    private UUID serviceId;
    private String name;
    /** Comma-separated {@link DayOfWeek} names. */
    @Column(name = "days_of_week")
    private String daysOfWeek;
    /** Local start time, {@code HH:mm}. */
    @Column(name = "start_time")
    private String startTime;
    @Column(name = "duration_minutes")
    private int durationMinutes;
    @Column(name = "time_zone")
    private String timeZone;

    protected MaintenanceWindow() {
    }

    private MaintenanceWindow(UUID id, Instant now) {
        super(id, now);
    }

    public static MaintenanceWindow create(UUID id, WindowRequests.Maintenance r, Instant now) {
        MaintenanceWindow m = new MaintenanceWindow(id, now);
        m.replace(r, now);
        return m;
    }

    @Override
    public void replace(WindowRequests.Maintenance r, Instant now) {
        try {
            ZoneId.of(r.timeZone());
        } catch (DateTimeException e) {
            throw new ValidationException("timeZone", "must be an IANA time zone id such as Europe/Berlin");
        }
        serviceId = r.serviceId();
        name = r.name().strip();
        daysOfWeek = r.daysOfWeek().stream().sorted().map(DayOfWeek::name).collect(Collectors.joining(","));
        startTime = r.startTime();
        durationMinutes = r.durationMinutes();
        timeZone = r.timeZone();
        touch(now);
    }

    @Override
    public WindowRequests.Maintenance editable() {
        return new WindowRequests.Maintenance(serviceId, name, days(), startTime, durationMinutes, timeZone);
    }

    @Override
    public List<UUID> serviceIdsOf(WindowRequests.Maintenance request) {
        return request.serviceId() == null ? List.of() : List.of(request.serviceId());
    }

    @Override
    public WindowRequests.MaintenanceView view() {
        return new WindowRequests.MaintenanceView(id(), serviceId, name, days(), startTime, durationMinutes, timeZone, createdAt(),
                updatedAt(), version());
    }

    @Override
    public ChangeWindowChanged changed(EditOperation operation, Instant now) {
        return new ChangeWindowChanged(id().toString(), WindowKind.MAINTENANCE, operation, name, null, null, null, null, null,
                serviceId, days().stream().map(DayOfWeek::name).toList(), startTime, durationMinutes, timeZone, createdAt(),
                updatedAt(), version(), now);
    }

    public Set<DayOfWeek> days() {
        return Arrays.stream(daysOfWeek.split(",")).filter(s -> !s.isBlank()).map(String::trim).map(DayOfWeek::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class)));
    }

    public String name() { return name; }
    public UUID serviceId() { return serviceId; }

    public MaintenanceRule toRule() {
        return new MaintenanceRule(id(), serviceId, name, days(), LocalTime.parse(startTime), Duration.ofMinutes(durationMinutes),
                ZoneId.of(timeZone));
    }
}
