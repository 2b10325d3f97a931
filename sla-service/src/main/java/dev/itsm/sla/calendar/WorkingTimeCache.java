package dev.itsm.sla.calendar;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.sla.SlaConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Loads the arithmetic of stored calendars, cached briefly (edits made here evict their entry at once). */
@ApplicationScoped
public class WorkingTimeCache {

    private record Entry(WorkingTime calendar, long loadedAtNanos) {
    }

    private final Map<UUID, Entry> cache = new ConcurrentHashMap<>();
    private final long ttlNanos;

    WorkingTimeCache(SlaConfig config) {
        this.ttlNanos = config.calendarCacheTtl().toNanos();
    }

    public WorkingTime get(UUID id) {
        Entry e = cache.get(id);
        if (e != null && System.nanoTime() - e.loadedAtNanos() < ttlNanos) {
            return e.calendar();
        }
        BusinessCalendar stored = BusinessCalendar.findById(id);
        if (stored == null) {
            throw new NotFoundException("Calendar", id);
        }
        WorkingTime calendar = stored.definition().toCalendar();
        cache.put(id, new Entry(calendar, System.nanoTime()));
        return calendar;
    }

    public void evict(UUID id) {
        cache.remove(id);
    }

    Duration ttl() {
        return Duration.ofNanos(ttlNanos);
    }
}
