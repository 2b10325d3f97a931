package dev.itsm.sla.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.itsm.platform.events.DomainEvent;
import dev.itsm.sla.calendar.CalendarView;

/**
 * A business calendar was created, edited, or got holidays from an iCalendar import. The payload is
 * the calendar exactly as {@code GET /api/v1/sla/calendars/{id}} shows it (flattened), plus what
 * happened and which fields it changed. Keyed by the calendar id.
 */
public record SlaCalendarChanged(@JsonUnwrapped CalendarView calendar, Operation operation, List<String> changedFields,
        Instant occurredAt) implements DomainEvent {

    /** What happened to the calendar. */
    public enum Operation {
        CREATED, UPDATED, HOLIDAYS_IMPORTED
    }

    @Override
    public String aggregateId() {
        return calendar.id().toString();
    }

    @Override
    public String aggregateType() {
        return "SlaCalendar";
    }
}
