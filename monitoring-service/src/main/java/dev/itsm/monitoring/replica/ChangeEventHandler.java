package dev.itsm.monitoring.replica;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes {@code itsm.change.events} for {@link ChangeWindows}. Every change event that carries the change's facts
 * ({@code changeId} and {@code state}; links and models do not) upserts the change's number, title, state, planned
 * window, CIs and services, unless the replica already holds a later event of it. {@code ChangeWindowChanged} of a
 * MAINTENANCE window upserts the window (DELETED keeps a tombstone), ordered by the window's version, then
 * occurredAt; blackout windows forbid scheduling changes and say nothing about alerts, so they are skipped.
 */
@ApplicationScoped
public class ChangeEventHandler implements EventHandler {

    public static final String TOPIC = "itsm.change.events";
    private static final Logger LOG = Logger.getLogger(ChangeEventHandler.class);

    private final ReplicaDatabase db;
    private final Clock clock;

    ChangeEventHandler(ReplicaDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public void handle(InboundEvent event) {
        if (event.is("ChangeWindowChanged")) {
            applyWindow(event);
        } else if (event.name().startsWith("Change") && event.payload().hasNonNull("changeId")
                && event.payload().hasNonNull("state")) {
            applyChange(event);
        }
    }

    private void applyChange(InboundEvent event) {
        Instant at = event.occurredAt(clock.instant());
        UUID changeId = event.requiredUuid("changeId");
        int applied = db.update("""
                insert into replica_change (change_id, number, title, state, planned_start, planned_end, ci_ids,
                    service_ids, occurred_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (change_id) do update set number = excluded.number, title = excluded.title,
                    state = excluded.state, planned_start = excluded.planned_start, planned_end = excluded.planned_end,
                    ci_ids = excluded.ci_ids, service_ids = excluded.service_ids, occurred_at = excluded.occurred_at
                where replica_change.occurred_at <= excluded.occurred_at""",
                changeId, event.requiredText("number"), event.text("title"),
                event.requiredText("state").toUpperCase(Locale.ROOT), event.instant("plannedStart"), event.instant("plannedEnd"), event.uuids("ciIds"),
                event.uuids("serviceIds"), at);
        if (applied == 0) {
            LOG.debugf("Ignoring stale %s for change %s", event.name(), changeId);
        }
    }

    private void applyWindow(InboundEvent event) {
        if (!"MAINTENANCE".equalsIgnoreCase(event.text("windowKind"))) {
            return;
        }
        Instant at = event.occurredAt(clock.instant());
        UUID windowId = event.requiredUuid("windowId");
        Long version = event.longValue("version");
        String startTime = event.text("startTime");
        String zone = event.text("timeZone");
        int applied = db.update("""
                insert into replica_maintenance_window (window_id, name, service_id, days_of_week, start_time,
                    duration_minutes, time_zone, deleted, version, occurred_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (window_id) do update set name = excluded.name, service_id = excluded.service_id,
                    days_of_week = excluded.days_of_week, start_time = excluded.start_time,
                    duration_minutes = excluded.duration_minutes, time_zone = excluded.time_zone,
                    deleted = excluded.deleted, version = excluded.version, occurred_at = excluded.occurred_at
                where (replica_maintenance_window.version, replica_maintenance_window.occurred_at)
                    <= (excluded.version, excluded.occurred_at)""",
                windowId, event.requiredText("name"), event.uuid("serviceId"), days(event),
                startTime == null ? null : localTime(event, startTime), event.longValue("durationMinutes"),
                zone == null ? null : zone(event, zone), "DELETED".equalsIgnoreCase(event.text("operation")),
                version == null ? 0L : version, at);
        if (applied == 0) {
            LOG.debugf("Ignoring stale %s for window %s", event.name(), windowId);
        }
    }

    private static String[] days(InboundEvent event) {
        JsonNode n = event.payload().path("daysOfWeek");
        List<String> days = new ArrayList<>();
        if (n.isArray()) {
            for (JsonNode d : n) {
                try {
                    days.add(DayOfWeek.valueOf(d.asText().toUpperCase(Locale.ROOT)).name());
                } catch (IllegalArgumentException e) {
                    throw event.poison("daysOfWeek '" + d.asText() + "' is not a day of the week");
                }
            }
        }
        return days.toArray(String[]::new);
    }

    private static LocalTime localTime(InboundEvent event, String value) {
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw event.poison("startTime '" + value + "' is not HH:mm");
        }
    }

    private static String zone(InboundEvent event, String value) {
        try {
            return ZoneId.of(value).getId();
        } catch (RuntimeException e) {
            throw event.poison("timeZone '" + value + "' is not a time zone id");
        }
    }
}
