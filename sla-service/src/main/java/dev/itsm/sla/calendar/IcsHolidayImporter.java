package dev.itsm.sla.calendar;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import dev.itsm.platform.problem.ValidationException;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * Reads holidays from an iCalendar ({@code .ics}) body with ical4j: every {@code VEVENT} is a day off
 * (a multi-day all-day event gives one holiday per day, {@code DTEND} exclusive); an event with
 * {@code RRULE:FREQ=YEARLY} is a yearly holiday.
 */
public final class IcsHolidayImporter {

    private static final int MAX_DAYS_PER_EVENT = 31;

    private IcsHolidayImporter() {
    }

    public static List<CalendarRequest.Holiday> parse(String ics) {
        if (ics == null || ics.isBlank()) {
            throw new ValidationException("body", "must be an iCalendar (text/calendar) document");
        }
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new StringReader(ics));
        } catch (Exception e) {
            throw new ValidationException("body", "not a valid iCalendar document: " + firstLine(e.getMessage()));
        }
        List<CalendarRequest.Holiday> holidays = new ArrayList<>();
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        for (int i = 0; i < events.size(); i++) {
            VEvent event = events.get(i);
            String start = event.getProperty(Property.DTSTART).map(Property::getValue).orElse(null);
            if (start == null || start.length() < 8) {
                throw new ValidationException("VEVENT[" + i + "].DTSTART", "is missing");
            }
            LocalDate first = date(start, i, "DTSTART");
            String end = event.getProperty(Property.DTEND).map(Property::getValue).orElse(null);
            LocalDate endExclusive = end == null ? first.plusDays(1) : date(end, i, "DTEND");
            if (!endExclusive.isAfter(first)) {
                endExclusive = first.plusDays(1);
            }
            if (endExclusive.isAfter(first.plusDays(MAX_DAYS_PER_EVENT))) {
                throw new ValidationException("VEVENT[" + i + "].DTEND", "an event may span at most " + MAX_DAYS_PER_EVENT + " days");
            }
            String summary = event.getProperty(Property.SUMMARY).map(Property::getValue).orElse(null);
            boolean yearly = event.getProperty(Property.RRULE).map(Property::getValue)
                    .map(r -> r.toUpperCase().contains("FREQ=YEARLY")).orElse(false);
            for (LocalDate d = first; d.isBefore(endExclusive); d = d.plusDays(1)) {
                holidays.add(new CalendarRequest.Holiday(d, summary, yearly));
            }
        }
        return holidays;
    }

    private static LocalDate date(String value, int index, String property) {
        try {
            return LocalDate.parse(value.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE);
        } catch (RuntimeException e) {
            throw new ValidationException("VEVENT[" + index + "]." + property, "'" + value + "' is not a date");
        }
    }

    private static String firstLine(String s) {
        return s == null ? "unreadable" : s.lines().findFirst().orElse(s);
    }
}
