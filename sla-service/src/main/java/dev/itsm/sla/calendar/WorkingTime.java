package dev.itsm.sla.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Business-time arithmetic under a calendar: an IANA time zone, working intervals per weekday
 * (several per day) and holidays (fixed dates, or a month-day every year). Pure and immutable.
 * <p>
 * A working interval is a span of local wall-clock time; it is converted to instants with the
 * zone's rules of that very day, so business time is the <em>real elapsed time</em> that falls
 * inside working hours. On a DST spring-forward day an interval containing the gap is one hour
 * shorter, on a fall-back day one hour longer; a local time that does not exist (the gap) means
 * the first instant after the gap, an ambiguous local time (the overlap) the earlier instant.
 * Holidays are whole local days.
 */
public final class WorkingTime {

    /** Guard for calendars that have (almost) no working time: give up after this many days. */
    static final int MAX_DAYS_SCANNED = 366 * 20;

    private final ZoneId zone;
    private final Map<DayOfWeek, List<WorkInterval>> week;
    private final Set<LocalDate> holidays;
    private final Set<MonthDay> yearlyHolidays;
    private final boolean allDayEveryDay;

    /** A working span of one local day, {@code [startSecond, endSecond)} of the day; end may be 86400 (24:00). */
    public record WorkInterval(int startSecond, int endSecond) {

        public static final int DAY = 86_400;

        public WorkInterval {
            if (startSecond < 0 || endSecond > DAY || startSecond >= endSecond) {
                throw new IllegalArgumentException("interval must satisfy 0 <= start < end <= 24:00");
            }
        }

        public static WorkInterval of(String start, String end) {
            return new WorkInterval(parse(start), parse(end));
        }

        /** {@code HH:mm} (or {@code HH:mm:ss}); {@code 24:00} is the end of the day. */
        public static int parse(String text) {
            if (text == null || !text.matches("\\d{2}:\\d{2}(:\\d{2})?")) {
                throw new IllegalArgumentException("'" + text + "' is not a time of day (HH:mm)");
            }
            int h = Integer.parseInt(text.substring(0, 2));
            int m = Integer.parseInt(text.substring(3, 5));
            int s = text.length() > 5 ? Integer.parseInt(text.substring(6, 8)) : 0;
            if (m > 59 || s > 59 || h > 24 || (h == 24 && (m > 0 || s > 0))) {
                throw new IllegalArgumentException("'" + text + "' is not a time of day between 00:00 and 24:00");
            }
            return h * 3600 + m * 60 + s;
        }

        public static String format(int second) {
            String hm = String.format("%02d:%02d", second / 3600, second % 3600 / 60);
            return second % 60 == 0 ? hm : hm + String.format(":%02d", second % 60);
        }
    }

    public WorkingTime(ZoneId zone, Map<DayOfWeek, List<WorkInterval>> week, Collection<LocalDate> holidays,
            Collection<MonthDay> yearlyHolidays) {
        this.zone = zone;
        EnumMap<DayOfWeek, List<WorkInterval>> copy = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            List<WorkInterval> intervals = new ArrayList<>(week.getOrDefault(d, List.of()));
            intervals.sort(Comparator.comparingInt(WorkInterval::startSecond));
            for (int i = 1; i < intervals.size(); i++) {
                if (intervals.get(i).startSecond() < intervals.get(i - 1).endSecond()) {
                    throw new IllegalArgumentException("working intervals of " + d + " overlap");
                }
            }
            copy.put(d, List.copyOf(intervals));
        }
        this.week = copy;
        this.holidays = Set.copyOf(holidays);
        this.yearlyHolidays = Set.copyOf(yearlyHolidays);
        this.allDayEveryDay = this.holidays.isEmpty() && this.yearlyHolidays.isEmpty()
                && copy.values().stream().allMatch(l -> l.size() == 1 && l.get(0).equals(new WorkInterval(0, WorkInterval.DAY)));
        if (copy.values().stream().allMatch(List::isEmpty)) {
            throw new IllegalArgumentException("a calendar needs at least one working interval");
        }
    }

    /** Around the clock, every day, no holidays. */
    public static WorkingTime twentyFourSeven(ZoneId zone) {
        Map<DayOfWeek, List<WorkInterval>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            week.put(d, List.of(new WorkInterval(0, WorkInterval.DAY)));
        }
        return new WorkingTime(zone, week, List.of(), List.of());
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isHoliday(LocalDate date) {
        return holidays.contains(date) || yearlyHolidays.contains(MonthDay.from(date));
    }

    /** Business time in {@code [from, to)}; zero when {@code to} is not after {@code from}. */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (allDayEveryDay) {
            return Duration.between(from, to);
        }
        long nanos = 0;
        LocalDate day = from.atZone(zone).toLocalDate(); // a day's intervals lie within that local day
        LocalDate last = to.atZone(zone).toLocalDate();
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            if (isHoliday(day)) {
                continue;
            }
            for (WorkInterval w : week.get(day.getDayOfWeek())) {
                Instant s = at(day, w.startSecond());
                Instant e = at(day, w.endSecond());
                Instant a = s.isBefore(from) ? from : s;
                Instant b = e.isAfter(to) ? to : e;
                if (b.isAfter(a)) {
                    nanos += Duration.between(a, b).toNanos();
                }
            }
        }
        return Duration.ofNanos(nanos);
    }

    /**
     * The instant at which {@code amount} of business time has passed since {@code start}: the due
     * time. A positive amount that ends exactly at the end of a working interval yields that end
     * (e.g. 17:00), not the start of the next one. Zero or negative yields {@code start}.
     */
    public Instant plus(Instant start, Duration amount) {
        if (amount.isZero() || amount.isNegative()) {
            return start;
        }
        if (allDayEveryDay) {
            return start.plus(amount);
        }
        Duration remaining = amount;
        LocalDate day = start.atZone(zone).toLocalDate();
        for (int scanned = 0; scanned < MAX_DAYS_SCANNED; scanned++, day = day.plusDays(1)) {
            if (isHoliday(day)) {
                continue;
            }
            for (WorkInterval w : week.get(day.getDayOfWeek())) {
                Instant s = at(day, w.startSecond());
                Instant e = at(day, w.endSecond());
                Instant a = s.isBefore(start) ? start : s;
                if (!e.isAfter(a)) {
                    continue;
                }
                Duration available = Duration.between(a, e);
                if (remaining.compareTo(available) <= 0) {
                    return a.plus(remaining);
                }
                remaining = remaining.minus(available);
            }
        }
        throw new IllegalStateException("no working time within " + MAX_DAYS_SCANNED + " days of " + start);
    }

    /** The first instant at or after {@code t} that is working time. */
    public Instant nextWorkingInstant(Instant t) {
        Instant end = plus(t, Duration.ofNanos(1));
        return end.minusNanos(1);
    }

    private Instant at(LocalDate day, int secondOfDay) {
        if (secondOfDay == WorkInterval.DAY) {
            return day.plusDays(1).atStartOfDay(zone).toInstant();
        }
        LocalDateTime local = day.atStartOfDay().plusSeconds(secondOfDay);
        ZoneOffsetTransition gap = zone.getRules().getTransition(local);
        if (gap != null && gap.isGap()) {
            // A wall-clock time that never happens means the first instant after the gap: an interval covering
            // part of the gap loses only that part (ZonedDateTime.of would shift it by the whole gap length).
            return gap.getInstant();
        }
        // an overlap takes the earlier offset
        return ZonedDateTime.of(local, zone).toInstant();
    }
}
