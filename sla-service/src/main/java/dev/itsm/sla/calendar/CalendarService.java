package dev.itsm.sla.calendar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.platform.http.ETags;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.problem.ConflictException;
import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.platform.problem.ValidationException;
import dev.itsm.sla.MergePatch;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Transactions on business calendars. */
@ApplicationScoped
public class CalendarService {

    private final Calendars calendars;
    private final ObjectMapper json;

    CalendarService(Calendars calendars, ObjectMapper json) {
        this.calendars = calendars;
        this.json = json;
    }

    @Transactional
    public CalendarView create(CalendarDefinition request) {
        CalendarDefinition d = request.normalised();
        d.validate();
        requireUniqueName(d.name(), null);
        SlaCalendar c = new SlaCalendar();
        c.id = UUID.randomUUID();
        c.builtIn = false;
        c.createdAt = Instant.now();
        apply(c, d);
        c.persistAndFlush();
        return view(c);
    }

    public CalendarView get(UUID id) {
        return view(find(id));
    }

    public Page<CalendarView> list(PageRequest page, String orderBy, String name) {
        String where = name == null || name.isBlank() ? "1 = 1" : "lower(name) like :name";
        Parameters p = name == null || name.isBlank() ? new Parameters() : Parameters.with("name", "%" + name.toLowerCase() + "%");
        var q = SlaCalendar.<SlaCalendar>find(where + " order by " + orderBy, p);
        long total = q.count();
        List<CalendarView> items = q.page(page.page(), page.size()).list().stream().map(this::view).toList();
        return new Page<>(items, page.page(), page.size(), total);
    }

    @Transactional
    public CalendarView patch(UUID id, JsonNode patch, String ifMatch) {
        SlaCalendar c = find(id);
        ETags.requireMatch(ifMatch, c.version);
        requireEditable(c);
        JsonNode merged = MergePatch.apply(json.valueToTree(calendars.definition(c)), patch);
        CalendarDefinition d;
        try {
            d = json.treeToValue(merged, CalendarDefinition.class).normalised();
        } catch (Exception e) {
            throw new ValidationException("body", "the patched calendar is not readable: " + e.getMessage().lines().findFirst().orElse(""));
        }
        d.validate();
        requireUniqueName(d.name(), c.id);
        apply(c, d);
        c.persistAndFlush();
        calendars.evict(id);
        return view(c);
    }

    /** Adds the holidays of an iCalendar body; returns the calendar and how many days were new. */
    @Transactional
    public CalendarView importHolidays(UUID id, String ics, String ifMatch) {
        SlaCalendar c = find(id);
        ETags.requireMatch(ifMatch, c.version);
        requireEditable(c);
        List<CalendarDefinition.Holiday> imported = IcsHolidays.parse(ics);
        CalendarDefinition current = calendars.definition(c);
        List<CalendarDefinition.Holiday> all = new ArrayList<>(current.holidays() == null ? List.of() : current.holidays());
        all.addAll(imported);
        CalendarDefinition d = new CalendarDefinition(current.name(), current.timeZone(), current.weeklyHours(), all).normalised();
        d.validate();
        apply(c, d);
        c.persistAndFlush();
        calendars.evict(id);
        return view(c);
    }

    SlaCalendar find(UUID id) {
        SlaCalendar c = SlaCalendar.findById(id);
        if (c == null) {
            throw new NotFoundException("Calendar", id);
        }
        return c;
    }

    private void requireEditable(SlaCalendar c) {
        if (c.builtIn) {
            throw new ConflictException("calendar-built-in", "Built-in calendar", "The built-in calendar '" + c.name + "' cannot be changed; create your own");
        }
    }

    private void requireUniqueName(String name, UUID self) {
        SlaCalendar other = SlaCalendar.find("lower(name) = ?1", name.toLowerCase()).firstResult();
        if (other != null && !other.id.equals(self)) {
            throw new ConflictException("calendar-name-taken", "Name already used", "A calendar named '" + name + "' already exists",
                    java.util.Map.of("existingId", other.id.toString()));
        }
    }

    private void apply(SlaCalendar c, CalendarDefinition d) {
        c.name = d.name();
        c.timeZone = d.timeZone();
        c.definition = calendars.toJson(d);
        c.updatedAt = Instant.now();
    }

    CalendarView view(SlaCalendar c) {
        CalendarDefinition d = calendars.definition(c);
        return new CalendarView(c.id, c.name, c.timeZone, d.weeklyHours(), d.holidays(), c.builtIn, c.version, c.createdAt, c.updatedAt);
    }
}
