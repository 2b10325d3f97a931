package dev.itsm.sla.bench;

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

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.itsm.sla.calendar.WorkingTime;
import dev.itsm.sla.calendar.WorkingTime.WorkInterval;

/**
 * Due-time computations per second (plain harness, prints numbers; not part of the default test run):
 * {@code ./mvnw -pl sla-service test -Dgroups=benchmark -DexcludedGroups=none -Dtest=DueTimeBenchmark}.
 */
@Tag("benchmark")
class DueTimeBenchmark {

    static WorkingTime office() {
        Map<DayOfWeek, List<WorkInterval>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(d, List.of(WorkInterval.of("08:00", "12:00"), WorkInterval.of("13:00", "17:30")));
        }
        return new WorkingTime(ZoneId.of("Europe/Berlin"), week,
                List.of(LocalDate.parse("2026-04-03"), LocalDate.parse("2026-04-06"), LocalDate.parse("2026-05-14")),
                List.of(MonthDay.of(1, 1), MonthDay.of(5, 1), MonthDay.of(10, 3), MonthDay.of(12, 25), MonthDay.of(12, 26)));
    }

    record Result(String name, long ops, double seconds) {
        @Override
        public String toString() {
            return String.format("%-60s %,12.0f ops/s  (%,d ops in %.2f s, %.2f µs/op)", name, ops / seconds, ops, seconds, seconds * 1e6 / ops);
        }
    }

    static Result run(String name, Duration maxTarget, WorkingTime cal, boolean between) {
        SplittableRandom random = new SplittableRandom(42);
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        long sink = 0;
        // warm-up
        for (int i = 0; i < 200_000; i++) {
            Instant s = base.plusSeconds(random.nextLong(365L * 86400));
            sink += cal.plus(s, Duration.ofSeconds(1 + random.nextLong(maxTarget.toSeconds()))).getEpochSecond();
        }
        long ops = 0;
        long start = System.nanoTime();
        long deadline = start + 3_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 10_000; i++) {
                Instant s = base.plusSeconds(random.nextLong(365L * 86400));
                Duration d = Duration.ofSeconds(1 + random.nextLong(maxTarget.toSeconds()));
                Instant due = cal.plus(s, d);
                sink += between ? cal.between(s, due).toSeconds() : due.getEpochSecond();
            }
            ops += 10_000;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sink == 42) {
            System.out.println("(sink)");
        }
        return new Result(name, between ? ops * 2 : ops, seconds);
    }

    @Test
    void dueTimeComputationsPerSecond() {
        WorkingTime office = office();
        WorkingTime allDay = WorkingTime.twentyFourSeven(ZoneId.of("America/New_York"));
        List<Result> results = List.of(
                run("due time, office calendar (2 intervals/day, holidays), target ≤ 8h", Duration.ofHours(8), office, false),
                run("due time, office calendar, target ≤ 5 business days", Duration.ofHours(5 * 8), office, false),
                run("due time, office calendar, target ≤ 30 business days", Duration.ofHours(30 * 8), office, false),
                run("due time + elapsed (plus, then between), office, ≤ 5 days", Duration.ofHours(5 * 8), office, true),
                run("due time, built-in 24x7 (fast path)", Duration.ofDays(5), allDay, false));
        System.out.println("\n=== SLA due-time arithmetic (1 thread, JDK " + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs) ===");
        results.forEach(System.out::println);
    }
}
