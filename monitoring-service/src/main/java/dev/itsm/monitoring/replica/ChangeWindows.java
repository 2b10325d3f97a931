package dev.itsm.monitoring.replica;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.itsm.monitoring.replica.ActiveWindow.Kind;
import jakarta.enterprise.context.ApplicationScoped;

/** Answers whether an alert falls into a change or maintenance window, from the change-service replica
 * ({@link ChangeEventHandler}). */
@ApplicationScoped
public class ChangeWindows {

    private final ReplicaDatabase db;

    ChangeWindows(ReplicaDatabase db) {
        this.db = db;
    }

    /** A change in SCHEDULED or IMPLEMENT whose [plannedStart, plannedEnd) contains `at` and whose ciIds contain the
     * CI or whose serviceIds meet the services (a change wins over a window); else a MAINTENANCE window of one of the
     * services open at `at` (daysOfWeek/startTime/durationMinutes in its timeZone). Of several, the one that lasts
     * longest, so the suppression does not lapse while another still covers the alert. */
    public Optional<ActiveWindow> covering(UUID ciId, Collection<UUID> serviceIds, Instant at) {
        List<UUID> services = serviceIds == null ? List.of() : List.copyOf(serviceIds);
        if (ciId == null && services.isEmpty()) {
            return Optional.empty();
        }
        Optional<ActiveWindow> change = db.query("""
                select change_id, number, title, planned_end from replica_change
                where state in ('SCHEDULED', 'IMPLEMENT') and planned_start is not null and planned_end is not null
                  and planned_start <= ? and planned_end > ?
                  and (ci_ids @> array[?::uuid] or service_ids && ?)
                order by planned_end desc, change_id limit 1""",
                rs -> new ActiveWindow(Kind.CHANGE_WINDOW, ReplicaDatabase.uuid(rs, "change_id").toString(),
                        rs.getString("number"), null, rs.getString("title"), ReplicaDatabase.instant(rs, "planned_end")),
                at, at, ciId, services).stream().findFirst();
        if (change.isPresent() || services.isEmpty()) {
            return change;
        }
        return db.query("""
                select window_id, name, days_of_week, start_time, duration_minutes, time_zone
                from replica_maintenance_window
                where service_id = any(?) and not deleted and start_time is not null and duration_minutes is not null
                order by window_id""", ChangeWindows::maintenance, services).stream()
                .flatMap(w -> w.schedule().openUntil(at).map(until -> new ActiveWindow(Kind.MAINTENANCE_WINDOW, null,
                        null, w.id().toString(), w.name(), until)).stream())
                .max((a, b) -> a.until().compareTo(b.until()));
    }

    private record MaintenanceWindow(UUID id, String name, MaintenanceSchedule schedule) {}

    private static MaintenanceWindow maintenance(ResultSet rs) throws SQLException {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        Arrays.stream((String[]) rs.getArray("days_of_week").getArray()).map(DayOfWeek::valueOf).forEach(days::add);
        String zone = rs.getString("time_zone");
        return new MaintenanceWindow(ReplicaDatabase.uuid(rs, "window_id"), rs.getString("name"),
                new MaintenanceSchedule(days, rs.getObject("start_time", LocalTime.class),
                        Duration.ofMinutes(rs.getInt("duration_minutes")), zone == null ? ZoneId.of("UTC") : ZoneId.of(zone)));
    }
}
