package dev.itsm.sla.calendar;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.MergePatch;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.problem.ConflictException;
import dev.itsm.platform.problem.NotFoundException;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;

/** Transactions on business calendars. */
@ApplicationScoped
public class CalendarService {

    private final WorkingTimeCache calendars;
    private final MergePatch mergePatch;
    private final Clock clock;

    CalendarService(WorkingTimeCache calendars, MergePatch mergePatch, Clock clock) {
        this.calendars = calendars;
        this.mergePatch = mergePatch;
        this.clock = clock;
    }

    @Transactional
    public CalendarView create(CalendarRequest request) {
        CalendarRequest d = request.normalised();
        d.validate();
        requireUniqueName(d.name(), null);
        BusinessCalendar c = BusinessCalendar.create(UUID.randomUUID(), d, clock.instant());
        c.persistAndFlush();
        return view(c);
    }

    public CalendarView get(UUID id) {
        return view(find(id));
    }

    public Page<CalendarView> list(PageRequest page, String orderBy, String name) {
        String where = name == null || name.isBlank() ? "1 = 1" : "lower(name) like :name";
        Parameters p = name == null || name.isBlank() ? new Parameters() : Parameters.with("name", "%" + name.toLowerCase() + "%");
        var q = BusinessCalendar.<BusinessCalendar>find(where + " order by " + orderBy, p);
        long total = q.count();
        List<CalendarView> items = q.page(page.page(), page.size()).list().stream().map(this::view).toList();
        return new Page<>(items, page.page(), page.size(), total);
    }

    @Transactional
    public CalendarView patch(UUID id, JsonNode patch, String ifMatch) {
        BusinessCalendar c = find(id);
        ETags.requireMatch(ifMatch, c.version());
        requireEditable(c);
        CalendarRequest d = mergePatch.apply(c.definition(), patch, CalendarRequest.class).normalised();
        d.validate();
        requireUniqueName(d.name(), c.id());
        apply(c, d);
        c.persistAndFlush();
        calendars.evict(id);
        return view(c);
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
        apply(c, d);
        c.persistAndFlush();
        calendars.evict(id);
        return view(c);
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
            throw new ConflictException("calendar-name-taken", "Name already used", "A calendar named '" + name + "' already exists",
                    Map.of("existingId", other.id().toString()));
        }
    }

    private void apply(BusinessCalendar c, CalendarRequest d) {
        c.edit(d, clock.instant());
    }

    CalendarView view(BusinessCalendar c) {
        CalendarRequest d = c.definition();
        return new CalendarView(c.id(), c.name(), c.timeZone(), d.weeklyHours(), d.holidays(), c.builtIn(), c.version(), c.createdAt(),
                c.updatedAt());
    }
}
