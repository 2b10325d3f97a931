package dev.itsm.sla.calendar;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.platform.events.Outbox;
import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.Keyset;
import dev.itsm.platform.http.MergePatch;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.Sort;
import dev.itsm.platform.problem.ConflictException;
import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.platform.http.NativeKeysetQuery;
import dev.itsm.sla.events.SlaCalendarChanged;
import dev.itsm.sla.events.SlaCalendarChanged.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Transactions on business calendars. */
@ApplicationScoped
public class CalendarService {

    private final WorkingTimeCache calendars;
    private final MergePatch mergePatch;
    private final Outbox outbox;
    private final Clock clock;
    private final EntityManager em;

    CalendarService(WorkingTimeCache calendars, MergePatch mergePatch, Outbox outbox, Clock clock, EntityManager em) {
        this.calendars = calendars;
        this.mergePatch = mergePatch;
        this.outbox = outbox;
        this.clock = clock;
        this.em = em;
    }

    @Transactional
    public CalendarView create(CalendarRequest request) {
        CalendarRequest d = request.normalised();
        d.validate();
        requireUniqueName(d.name(), null);
        Instant now = clock.instant();
        BusinessCalendar c = BusinessCalendar.create(UUID.randomUUID(), d, now);
        c.persistAndFlush();
        return published(c, Operation.CREATED, List.of(), now);
    }

    public CalendarView get(UUID id) {
        return view(find(id));
    }

    static final Keyset.Column<BusinessCalendar> NAME = Keyset.Column.of("name", String.class, BusinessCalendar::name);
    static final Keyset.Column<BusinessCalendar> CREATED_AT = Keyset.Column.of("created_at", Instant.class, BusinessCalendar::createdAt);
    static final Keyset.Column<BusinessCalendar> ID = Keyset.Column.of("id", UUID.class, BusinessCalendar::id);
    /** API field → column of the sorts the list allows (each with an index on (column, id)). */
    public static final Map<String, String> SORTABLE = Map.of("name", NAME.expression(), "createdAt", CREATED_AT.expression());

    /** One page in {@code sort}'s order; {@code name} matches any part of the name, in any case. */
    public Page<CalendarView> list(PageRequest page, Sort sort, String name) {
        NativeKeysetQuery<BusinessCalendar> query = new NativeKeysetQuery<>("sla_calendar", BusinessCalendar.class);
        if (name != null && !name.isBlank()) {
            query.where("lower(name) like :name", Map.of("name", "%" + name.toLowerCase() + "%"));
        }
        return query.page(em, Keyset.of(sort, List.of(NAME, CREATED_AT), List.of(ID)), page, false).map(this::view);
    }

    @Transactional
    public CalendarView patch(UUID id, JsonNode patch, String ifMatch) {
        BusinessCalendar c = find(id);
        ETags.requireMatch(ifMatch, c.version());
        requireEditable(c);
        CalendarRequest before = c.definition();
        CalendarRequest d = mergePatch.apply(before, patch, CalendarRequest.class).normalised();
        d.validate();
        requireUniqueName(d.name(), c.id());
        Instant now = clock.instant();
        c.edit(d, now);
        c.persistAndFlush();
        calendars.evict(id);
        return published(c, Operation.UPDATED, c.definition().changedFields(before), now);
    }

    /** Adds the holidays of an iCalendar body; returns the calendar and how many days were new. */
    @Transactional
    public CalendarView importHolidays(UUID id, String ics, String ifMatch) {
        BusinessCalendar c = find(id);
        ETags.requireMatch(ifMatch, c.version());
        requireEditable(c);
        List<CalendarRequest.Holiday> imported = IcsHolidayImporter.parse(ics);
        CalendarRequest current = c.definition();
        List<CalendarRequest.Holiday> all = new ArrayList<>(current.holidays() == null ? List.of() : current.holidays());
        all.addAll(imported);
        CalendarRequest d = new CalendarRequest(current.name(), current.timeZone(), current.weeklyHours(), all).normalised();
        d.validate();
        Instant now = clock.instant();
        c.edit(d, now);
        c.persistAndFlush();
        calendars.evict(id);
        return published(c, Operation.HOLIDAYS_IMPORTED, c.definition().changedFields(current), now);
    }

    BusinessCalendar find(UUID id) {
        BusinessCalendar c = BusinessCalendar.findById(id);
        if (c == null) {
            throw new NotFoundException("Calendar", id);
        }
        return c;
    }

    private void requireEditable(BusinessCalendar c) {
        if (c.builtIn()) {
            throw new ConflictException("calendar-built-in", "Built-in calendar", "The built-in calendar '" + c.name() + "' cannot be changed; create your own");
        }
    }

    private void requireUniqueName(String name, UUID self) {
        BusinessCalendar other = BusinessCalendar.find("lower(name) = ?1", name.toLowerCase()).firstResult();
        if (other != null && !other.id().equals(self)) {
            throw new ConflictException("duplicate-key", "Duplicate key", "A calendar named '" + name + "' already exists",
                    Map.of("field", "name", "value", name, "existingId", other.id().toString()));
        }
    }

    /** The calendar as it now is (flushed, so its version is the new ETag), announced in the same transaction. */
    private CalendarView published(BusinessCalendar c, Operation operation, List<String> changedFields, Instant now) {
        CalendarView view = view(c);
        outbox.append(new SlaCalendarChanged(view, operation, List.copyOf(changedFields), now));
        return view;
    }

    CalendarView view(BusinessCalendar c) {
        CalendarRequest d = c.definition();
        return new CalendarView(c.id(), c.name(), c.timeZone(), d.weeklyHours(), d.holidays(), c.builtIn(), c.version(), c.createdAt(),
                c.updatedAt());
    }
}
