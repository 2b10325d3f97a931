package dev.itsm.bench;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.itsm.sla.calendar.WorkingTime;
import dev.itsm.sla.calendar.WorkingTime.WorkInterval;

/**
 * JMH: due times per second from sla-service's WorkingTime — an office calendar (Berlin, two
 * intervals a day, holidays), the 24x7 calendar, and plain {@code Instant.plus} as the reference
 * (the arithmetic floor: what a due time costs with no calendar at all).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DueTimeJmh {

    /** The largest target drawn: 8 hours, or 5 business days of 8 hours. */
    @Param({"PT8H", "PT40H"})
    public String maxTarget;

    private WorkingTime office;
    private WorkingTime allDay;
    private final Instant[] starts = new Instant[1024];
    private final Duration[] targets = new Duration[1024];
    private int i;

    @Setup
    public void setUp() {
        Map<DayOfWeek, List<WorkInterval>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            week.put(d, List.of(WorkInterval.of("08:00", "12:00"), WorkInterval.of("13:00", "17:30")));
        }
        office = new WorkingTime(ZoneId.of("Europe/Berlin"), week,
                List.of(LocalDate.parse("2026-04-03"), LocalDate.parse("2026-04-06"), LocalDate.parse("2026-05-14")),
                List.of(MonthDay.of(1, 1), MonthDay.of(5, 1), MonthDay.of(10, 3), MonthDay.of(12, 25), MonthDay.of(12, 26)));
        allDay = WorkingTime.twentyFourSeven(ZoneId.of("America/New_York"));
        SplittableRandom random = new SplittableRandom(42);
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        long max = Duration.parse(maxTarget).toSeconds();
        for (int k = 0; k < starts.length; k++) {
            starts[k] = base.plusSeconds(random.nextLong(365L * 86_400));
            targets[k] = Duration.ofSeconds(1 + random.nextLong(max));
        }
    }

    @Benchmark
    public Instant officeCalendar() {
        i = (i + 1) & 1023;
        return office.plus(starts[i], targets[i]);
    }

    @Benchmark
    public Instant twentyFourSeven() {
        i = (i + 1) & 1023;
        return allDay.plus(starts[i], targets[i]);
    }

    @Benchmark
    public Instant plainInstantPlus() {
        i = (i + 1) & 1023;
        return starts[i].plus(targets[i]);
    }
}
