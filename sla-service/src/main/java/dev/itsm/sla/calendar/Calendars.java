package dev.itsm.sla.calendar;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.sla.SlaConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Loads the arithmetic of stored calendars, cached briefly (edits made here evict their entry at once). */
@ApplicationScoped
public class Calendars {

    private record Entry(BusinessCalendar calendar, long loadedAtNanos) {
    }

    private final Map<UUID, Entry> cache = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final long ttlNanos;

    Calendars(ObjectMapper json, SlaConfig config) {
        this.json = json;
        this.ttlNanos = config.calendarCacheTtl().toNanos();
    }

    public BusinessCalendar get(UUID id) {
        Entry e = cache.get(id);
        if (e != null && System.nanoTime() - e.loadedAtNanos() < ttlNanos) {
            return e.calendar();
        }
        SlaCalendar stored = SlaCalendar.findById(id);
        if (stored == null) {
            throw new NotFoundException("Calendar", id);
        }
        BusinessCalendar calendar = definition(stored).toCalendar();
        cache.put(id, new Entry(calendar, System.nanoTime()));
        return calendar;
    }

    public void evict(UUID id) {
        cache.remove(id);
    }

    public CalendarDefinition definition(SlaCalendar stored) {
        try {
            CalendarDefinition d = json.readValue(stored.definition, CalendarDefinition.class);
            return new CalendarDefinition(stored.name, stored.timeZone, d.weeklyHours(), d.holidays());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored calendar " + stored.id + " is unreadable", e);
        }
    }

    public String toJson(CalendarDefinition d) {
        try {
            return json.writeValueAsString(new CalendarDefinition(null, null, d.weeklyHours(), d.holidays()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Duration ttl() {
        return Duration.ofNanos(ttlNanos);
    }
}
