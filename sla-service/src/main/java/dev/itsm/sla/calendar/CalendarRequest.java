package dev.itsm.sla.calendar;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.platform.problem.Problem.FieldError;
import dev.itsm.platform.problem.ValidationException;
import dev.itsm.sla.calendar.WorkingTime.WorkInterval;
import java.util.Collections;

/** A calendar as clients write it (and as it is stored). {@link #validate()} names every offending field. */
@Schema(name = "CalendarRequest", description = "A business calendar")
public record CalendarRequest(
        @Schema(description = "Unique name", example = "Berlin office hours", required = true) String name,
        @Schema(description = "IANA time zone of the working hours and holidays", example = "Europe/Berlin", required = true) String timeZone,
        @Schema(description = "Working intervals per weekday (several per day allowed); days not listed are not working days") Map<DayOfWeek, List<Interval>> weeklyHours,
        @Schema(description = "Days off (whole local days); at most 1000", maxItems = 1000) List<Holiday> holidays) {

    /** Holidays one calendar may list (an .ics import included). */
    public static final int MAX_HOLIDAYS = 1000;

    @Schema(name = "CalendarWorkingInterval")
    public record Interval(
            @Schema(description = "Local start time HH:mm", example = "09:00") String start,
            @Schema(description = "Local end time HH:mm (24:00 = end of day)", example = "17:00") String end) {
    }

    @Schema(name = "CalendarHoliday")
    public record Holiday(
            @Schema(description = "The date (for yearly holidays the year of the first occurrence)", example = "2026-12-25") LocalDate date,
            @Schema(description = "Name", example = "Christmas Day") String name,
            @Schema(description = "Repeats on the same month and day every year", example = "true") boolean yearly) {
    }

    /** Normalised copy: holidays sorted and de-duplicated, empty lists instead of nulls. */
    public CalendarRequest normalised() {
        Map<DayOfWeek, List<Interval>> week = new EnumMap<>(DayOfWeek.class);
        if (weeklyHours != null) {
            weeklyHours.forEach((d, l) -> {
                if (l != null && !l.isEmpty()) {
                    List<Interval> sorted = new ArrayList<>(l);
                    // null entries stay as they are, so that validate() can name them
                    if (sorted.stream().noneMatch(i -> i == null || i.start() == null)) {
                        sorted.sort(Comparator.comparing(Interval::start));
                    }
                    week.put(d, Collections.unmodifiableList(sorted));
                }
            });
        }
        if (holidays != null && holidays.stream().anyMatch(h -> h == null || h.date() == null)) {
            // leave the list as sent so that validate() names the null entry
            return new CalendarRequest(name == null ? null : name.trim(), timeZone, week, holidays);
        }
        Map<String, Holiday> unique = new LinkedHashMap<>();
        if (holidays != null) {
            holidays.stream().sorted(Comparator.comparing(Holiday::date))
                    .forEach(h -> unique.putIfAbsent(h.date() + "/" + h.yearly(), h));
        }
        return new CalendarRequest(name == null ? null : name.trim(), timeZone, week, List.copyOf(unique.values()));
    }

    /** Throws a 400 naming each invalid field. */
    public void validate() {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "must not be blank"));
        } else if (name.length() > 100) {
            errors.add(new FieldError("name", "must be at most 100 characters"));
        }
        if (timeZone == null || timeZone.isBlank()) {
            errors.add(new FieldError("timeZone", "must not be blank"));
        } else {
            try {
                ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                errors.add(new FieldError("timeZone", "'" + timeZone + "' is not an IANA time zone (e.g. Europe/Berlin)"));
            }
        }
        int intervals = 0;
        if (weeklyHours != null) {
            for (Map.Entry<DayOfWeek, List<Interval>> day : weeklyHours.entrySet()) {
                if (day.getKey() == null) {
                    errors.add(new FieldError("weeklyHours", "keys must be days of the week (MONDAY … SUNDAY)"));
                    continue;
                }
                List<Interval> list = day.getValue() == null ? List.of() : day.getValue();
                List<WorkInterval> parsed = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    String field = "weeklyHours." + day.getKey() + "[" + i + "]";
                    Interval in = list.get(i);
                    if (in == null) {
                        errors.add(new FieldError(field, "must not be null"));
                        continue;
                    }
                    try {
                        parsed.add(WorkInterval.of(in.start(), in.end()));
                        intervals++;
                    } catch (IllegalArgumentException e) {
                        errors.add(new FieldError(field, e.getMessage().startsWith("interval") ? "start must be before end (" + in.start() + "–" + in.end() + ")" : e.getMessage()));
                    }
                }
                parsed.sort(Comparator.comparingInt(WorkInterval::startSecond));
                for (int i = 1; i < parsed.size(); i++) {
                    if (parsed.get(i).startSecond() < parsed.get(i - 1).endSecond()) {
                        errors.add(new FieldError("weeklyHours." + day.getKey(), "intervals overlap ("
                                + WorkInterval.format(parsed.get(i - 1).startSecond()) + "–" + WorkInterval.format(parsed.get(i - 1).endSecond())
                                + " and " + WorkInterval.format(parsed.get(i).startSecond()) + "–" + WorkInterval.format(parsed.get(i).endSecond()) + ")"));
                    }
                }
            }
        }
        if (intervals == 0 && errors.stream().noneMatch(e -> e.field().startsWith("weeklyHours"))) {
            errors.add(new FieldError("weeklyHours", "needs at least one working interval"));
        }
        if (holidays != null && holidays.size() > MAX_HOLIDAYS) {
            // a calendar is shown whole in every read (and 500 to a page): its size must be bounded
            errors.add(new FieldError("holidays", "at most " + MAX_HOLIDAYS + " entries (yearly ones repeat by themselves), was " + holidays.size()));
        } else if (holidays != null) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < holidays.size(); i++) {
                Holiday h = holidays.get(i);
                if (h == null || h.date() == null) {
                    errors.add(new FieldError("holidays[" + i + "].date", "must not be null"));
                } else if (h.name() != null && h.name().length() > 200) {
                    errors.add(new FieldError("holidays[" + i + "].name", "must be at most 200 characters"));
                } else if (!seen.add(h.date() + "/" + h.yearly())) {
                    errors.add(new FieldError("holidays[" + i + "].date", h.date() + " is listed twice"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /** The names of the fields whose value differs from {@code before}, in declaration order. */
    public List<String> changedFields(CalendarRequest before) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(before.name, name)) {
            changed.add("name");
        }
        if (!Objects.equals(before.timeZone, timeZone)) {
            changed.add("timeZone");
        }
        if (!Objects.equals(before.weeklyHours, weeklyHours)) {
            changed.add("weeklyHours");
        }
        if (!Objects.equals(before.holidays, holidays)) {
            changed.add("holidays");
        }
        return changed;
    }

    /** The arithmetic for this (valid) definition. */
    public WorkingTime toCalendar() {
        Map<DayOfWeek, List<WorkInterval>> week = new EnumMap<>(DayOfWeek.class);
        weeklyHours.forEach((d, l) -> week.put(d, l.stream().map(i -> WorkInterval.of(i.start(), i.end())).toList()));
        List<LocalDate> fixed = new ArrayList<>();
        List<MonthDay> yearly = new ArrayList<>();
        for (Holiday h : holidays == null ? List.<Holiday>of() : holidays) {
            if (h.yearly()) {
                yearly.add(MonthDay.from(h.date()));
            } else {
                fixed.add(h.date());
            }
        }
        return new WorkingTime(ZoneId.of(timeZone), week, fixed, yearly);
    }
}
