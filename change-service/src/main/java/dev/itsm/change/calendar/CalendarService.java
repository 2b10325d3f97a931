package dev.itsm.change.calendar;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.itsm.change.ChangeConfig;
import dev.itsm.change.request.ChangeRequest;
import dev.itsm.change.request.ChangeState;
import dev.itsm.change.schedule.BlackoutWindow;
import dev.itsm.platform.problem.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * The forward schedule of change: scheduled, implementing, in-review and closed changes whose planned
 * window overlaps the range, plus blackout windows; as JSON or as an RFC 5545 feed (ical4j).
 */
@ApplicationScoped
public class CalendarService {

    static final List<ChangeState> CALENDAR_STATES = List.of(ChangeState.SCHEDULED, ChangeState.IMPLEMENT, ChangeState.REVIEW,
            ChangeState.CLOSED);

    private final ChangeConfig config;
    private final Clock clock;

    CalendarService(ChangeConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public ChangeCalendar calendar(Instant from, Instant to) {
        Instant start = from != null ? from : clock.instant().minus(Duration.ofDays(1));
        Instant end = to != null ? to : start.plus(config.calendar().defaultRange());
        if (!end.isAfter(start)) {
            throw new ValidationException("to", "must be after from");
        }
        if (Duration.between(start, end).compareTo(config.calendar().maxRange()) > 0) {
            throw new ValidationException("to", "the range may span at most " + config.calendar().maxRange().toDays() + " days");
        }
        List<CalendarEntry> changes = ChangeRequest.<ChangeRequest>list(
                "plannedStart < ?1 and plannedEnd > ?2 and state in ?3 order by plannedStart, number", end, start,
                CALENDAR_STATES)
                .stream().map(c -> new CalendarEntry("CHANGE", c.id(), c.number(), c.title(), c.type().name(), c.state().name(),
                        c.risk() == null ? null : c.risk().name(), c.plannedStart(), c.plannedEnd(), c.serviceIds(), c.ciIds()))
                .toList();
        List<CalendarEntry> blackouts = BlackoutWindow.<BlackoutWindow>list("startsAt < ?1 and endsAt > ?2 order by startsAt", end, start)
                .stream().map(b -> new CalendarEntry("BLACKOUT", b.id(), null, b.name(), null, null, null, b.startsAt(), b.endsAt(),
                        b.serviceIds(), null))
                .toList();
        return new ChangeCalendar(start, end, changes, blackouts);
    }

    /** The calendar as an iCalendar (RFC 5545) document. */
    public String ical(ChangeCalendar cal) {
        Calendar ics = new Calendar();
        ics.add(new ProdId("-//ITSM suite//change-service 1.0//EN"));
        ics.add(ImmutableVersion.VERSION_2_0);
        ics.add(ImmutableCalScale.GREGORIAN);
        ics.add(new XProperty("X-WR-CALNAME", "Change calendar"));
        Instant stamp = clock.instant();
        for (CalendarEntry c : cal.changes()) {
            VEvent e = new VEvent(c.start(), c.end(), c.number() + " " + c.title());
            e.add(new Uid(c.id() + "@change.itsm"));
            e.replace(new DtStamp(stamp));
            e.add(new Description(c.type() + " change " + c.number() + ", state " + c.state()
                    + (c.risk() == null ? "" : ", risk " + c.risk()) + "\nservices: " + c.serviceIds() + "\nCIs: " + c.ciIds()));
            e.add(new Categories("CHANGE," + c.type()));
            e.add(ImmutableStatus.VEVENT_CONFIRMED);
            ics.add(e);
        }
        for (CalendarEntry b : cal.blackoutWindows()) {
            VEvent e = new VEvent(b.start(), b.end(), "Blackout: " + b.title());
            e.add(new Uid(b.id() + "@blackout.change.itsm"));
            e.replace(new DtStamp(stamp));
            e.add(new Description(b.serviceIds().isEmpty() ? "Global blackout window: no changes"
                    : "Blackout window for services " + b.serviceIds()));
            e.add(new Categories("BLACKOUT"));
            ics.add(e);
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(ics, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
