package dev.itsm.change.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.change.request.ChangeType;

class ConflictDetectorTest {

    static final Instant T = Instant.parse("2026-12-01T22:00:00Z");
    static final UUID SHOP = UUID.randomUUID();      // service: web shop, depends on PAYMENTS
    static final UUID PAYMENTS = UUID.randomUUID();  // service
    static final UUID APP = UUID.randomUUID();       // CI: shop app, runs on SERVER, depends on DB
    static final UUID SERVER = UUID.randomUUID();    // CI
    static final UUID DB = UUID.randomUUID();        // CI
    static final UUID OTHER_APP = UUID.randomUUID(); // CI: also depends on DB (a sibling of APP)
    static final UUID HYPERVISOR = UUID.randomUUID(); // CI: hosts SERVER

    static final DependencyGraph GRAPH = DependencyGraph.builder()
            .service(SHOP).service(PAYMENTS)
            .dependsOn(SHOP, PAYMENTS)
            .relation(APP, "runs_on", SERVER)
            .relation(APP, "depends_on", DB)
            .relation(OTHER_APP, "depends_on", DB)
            .relation(HYPERVISOR, "hosts", SERVER)
            .relation(APP, "depends_on", SHOP) // CI -> service edge: shop outage affects the app
            .relation(APP, "mentions", PAYMENTS) // unknown relation kinds carry no impact
            .build();

    static ChangeWindow window(ChangeType type, Instant start, Duration length, Set<UUID> services, Set<UUID> cis) {
        return new ChangeWindow(UUID.randomUUID(), type, start, start.plus(length), services, cis);
    }

    static ScheduledChange scheduled(String number, Instant start, Duration length, UUID... scope) {
        return new ScheduledChange(UUID.randomUUID(), number, start, start.plus(length), Set.of(scope));
    }

    static List<Conflict> detect(ChangeWindow w, List<ScheduledChange> s) {
        return ConflictDetector.detect(w, GRAPH, s, List.of(), Map.of());
    }

    @Test
    void overlapIsHalfOpenSoBackToBackChangesDoNotCollide() {
        ChangeWindow w = window(ChangeType.NORMAL, T, Duration.ofHours(1), Set.of(), Set.of(DB));
        assertTrue(detect(w, List.of(scheduled("CHG1", T.minus(Duration.ofHours(1)), Duration.ofHours(1), DB))).isEmpty(), "ends as we start");
        assertTrue(detect(w, List.of(scheduled("CHG2", T.plus(Duration.ofHours(1)), Duration.ofHours(1), DB))).isEmpty(), "starts as we end");
        assertEquals(1, detect(w, List.of(scheduled("CHG3", T.minus(Duration.ofMinutes(1)), Duration.ofMinutes(2), DB))).size());
        assertEquals(1, detect(w, List.of(scheduled("CHG4", T.plus(Duration.ofMinutes(10)), Duration.ofMinutes(5), DB))).size(), "contained");
        assertEquals(1, detect(w, List.of(scheduled("CHG5", T.minus(Duration.ofHours(5)), Duration.ofHours(10), DB))).size(), "containing");
    }

    @Test
    void theSameCiOrServiceCollides() {
        ChangeWindow w = window(ChangeType.NORMAL, T, Duration.ofHours(1), Set.of(PAYMENTS), Set.of());
        List<Conflict> c = detect(w, List.of(scheduled("CHG1", T, Duration.ofHours(1), PAYMENTS)));
        assertEquals(1, c.size());
        assertEquals(ConflictKind.OVERLAPPING_CHANGE, c.get(0).kind());
        assertEquals("CHG1", c.get(0).changeNumber());
        assertEquals(List.of(PAYMENTS), c.get(0).sharedItems());
    }

    @Test
    void aChangeToADependencyCollidesWithChangesToItsDependentsInBothDirections() {
        ChangeWindow onDb = window(ChangeType.NORMAL, T, Duration.ofHours(1), Set.of(), Set.of(DB));
        assertEquals(1, detect(onDb, List.of(scheduled("CHG-APP", T, Duration.ofHours(1), APP))).size(), "APP depends on DB");
        ChangeWindow onApp = window(ChangeType.NORMAL, T, Duration.ofHours(1), Set.of(), Set.of(APP));
        assertEquals(1, detect(onApp, List.of(scheduled("CHG-DB", T, Duration.ofHours(1), DB))).size(), "DB is upstream of APP");
        assertEquals(1, detect(onApp, List.of(scheduled("CHG-HV", T, Duration.ofHours(1), HYPERVISOR))).size(),
                "HYPERVISOR hosts SERVER which APP runs on (transitive)");
        ChangeWindow onPayments = window(ChangeType.NORMAL, T, Duration.ofHours(1), Set.of(PAYMENTS), Set.of());
        assertEquals(1, detect(onPayments, List.of(scheduled("CHG-APP", T, Duration.ofHours(1), APP))).size(),
                "PAYMENTS -> SHOP (service dependsOn) -> APP (CI depends_on service)");
    }

    @Test
    void siblingsThatShareADependencyDoNotCollide() {
        ChangeWindow onApp = window(ChangeType.NORMAL, T, Duration.ofHours(1), Set.of(), Set.of(APP));
        assertTrue(detect(onApp, List.of(scheduled("CHG-OTHER", T, Duration.ofHours(1), OTHER_APP))).isEmpty());
    }

    @Test
    void unrelatedRelationKindsAndTheChangeItselfAreIgnored() {
        ChangeWindow onApp = window(ChangeType.NORMAL, T, Duration.ofHours(1), Set.of(), Set.of(APP));
        // PAYMENTS is upstream of APP via SHOP, not via "mentions"; a change on an unknown CI is unrelated
        assertTrue(detect(onApp, List.of(scheduled("CHG-X", T, Duration.ofHours(1), UUID.randomUUID()))).isEmpty());
        ScheduledChange self = new ScheduledChange(onApp.changeId(), "SELF", T, T.plusSeconds(60), Set.of(APP));
        assertTrue(detect(onApp, List.of(self)).isEmpty());
    }

    @Test
    void blackoutsApplyGloballyOrToImpactedServices() {
        ChangeWindow onDb = window(ChangeType.EMERGENCY, T, Duration.ofHours(1), Set.of(), Set.of(DB));
        Blackout global = new Blackout(UUID.randomUUID(), "Freeze", T.minus(Duration.ofDays(1)), T.plus(Duration.ofDays(1)), Set.of());
        Blackout shop = new Blackout(UUID.randomUUID(), "Shop sale", T, T.plus(Duration.ofMinutes(1)), Set.of(SHOP));
        Blackout payments = new Blackout(UUID.randomUUID(), "Payments audit", T, T.plus(Duration.ofHours(1)), Set.of(PAYMENTS));
        Blackout later = new Blackout(UUID.randomUUID(), "Later", T.plus(Duration.ofHours(1)), T.plus(Duration.ofHours(2)), Set.of());
        List<Conflict> c = ConflictDetector.detect(onDb, GRAPH, List.of(), List.of(global, shop, payments, later), Map.of());
        // DB -> APP; APP is not a service and nothing makes SHOP depend on APP, so only the global one hits
        assertEquals(List.of(global.id()), c.stream().map(Conflict::blackoutWindowId).toList());

        ChangeWindow onPayments = window(ChangeType.EMERGENCY, T, Duration.ofHours(1), Set.of(PAYMENTS), Set.of());
        List<Conflict> p = ConflictDetector.detect(onPayments, GRAPH, List.of(), List.of(shop, payments, later), Map.of());
        assertEquals(Set.of(shop.id(), payments.id()), Set.copyOf(p.stream().map(Conflict::blackoutWindowId).toList()),
                "SHOP depends on PAYMENTS, so the shop's blackout applies too");
        assertTrue(p.stream().allMatch(x -> x.kind() == ConflictKind.BLACKOUT_WINDOW));
    }

    static MaintenanceRule sundayNightBerlin(UUID service) {
        return new MaintenanceRule(UUID.randomUUID(), service, "Sunday 02:00-06:00", EnumSet.of(DayOfWeek.SUNDAY),
                LocalTime.of(2, 0), Duration.ofHours(4), ZoneId.of("Europe/Berlin"));
    }

    @Test
    void aNormalChangeMustFitInsideAMaintenanceWindowOfEachOfItsServices() {
        MaintenanceRule rule = sundayNightBerlin(SHOP);
        Map<UUID, List<MaintenanceRule>> windows = Map.of(SHOP, List.of(rule));
        // Sunday 2026-12-06 02:00 Berlin = 01:00 UTC (CET, UTC+1)
        Instant inside = Instant.parse("2026-12-06T01:30:00Z");
        ChangeWindow ok = window(ChangeType.NORMAL, inside, Duration.ofHours(2), Set.of(SHOP), Set.of());
        assertTrue(ConflictDetector.detect(ok, GRAPH, List.of(), List.of(), windows).isEmpty());
        ChangeWindow tooLong = window(ChangeType.NORMAL, inside, Duration.ofHours(4), Set.of(SHOP), Set.of());
        List<Conflict> c = ConflictDetector.detect(tooLong, GRAPH, List.of(), List.of(), windows);
        assertEquals(1, c.size());
        assertEquals(ConflictKind.OUTSIDE_MAINTENANCE_WINDOW, c.get(0).kind());
        assertEquals(SHOP, c.get(0).serviceId());
        ChangeWindow utcMistake = window(ChangeType.NORMAL, Instant.parse("2026-12-06T02:30:00Z"), Duration.ofHours(3), Set.of(SHOP), Set.of());
        assertEquals(1, ConflictDetector.detect(utcMistake, GRAPH, List.of(), List.of(), windows).size(),
                "02:30-05:30 UTC is 03:30-06:30 Berlin: past the window's end");
        ChangeWindow noWindowsDefined = window(ChangeType.NORMAL, T, Duration.ofHours(1), Set.of(PAYMENTS), Set.of());
        assertTrue(ConflictDetector.detect(noWindowsDefined, GRAPH, List.of(), List.of(), windows).isEmpty());
        ChangeWindow emergency = window(ChangeType.EMERGENCY, T, Duration.ofHours(1), Set.of(SHOP), Set.of());
        assertTrue(ConflictDetector.detect(emergency, GRAPH, List.of(), List.of(), windows).isEmpty(), "only NORMAL changes");
        ChangeWindow standard = window(ChangeType.STANDARD, T, Duration.ofHours(1), Set.of(SHOP), Set.of());
        assertTrue(ConflictDetector.detect(standard, GRAPH, List.of(), List.of(), windows).isEmpty(), "pre-authorised");
    }

    @Test
    void maintenanceWindowsFollowTheLocalWallClockAcrossDaylightSavingTime() {
        MaintenanceRule rule = sundayNightBerlin(SHOP);
        // summer (CEST, UTC+2): Sunday 2026-07-05 02:00 Berlin = 00:00 UTC
        assertTrue(rule.covers(Instant.parse("2026-07-05T00:00:00Z"), Instant.parse("2026-07-05T04:00:00Z")));
        assertFalse(rule.covers(Instant.parse("2026-07-05T01:00:00Z"), Instant.parse("2026-07-05T05:00:00Z")));
        // winter (CET, UTC+1): Sunday 2026-12-06 02:00 Berlin = 01:00 UTC
        assertTrue(rule.covers(Instant.parse("2026-12-06T01:00:00Z"), Instant.parse("2026-12-06T05:00:00Z")));
        assertFalse(rule.covers(Instant.parse("2026-12-06T00:00:00Z"), Instant.parse("2026-12-06T01:30:00Z")));
        // a Monday is not a Sunday
        assertFalse(rule.covers(Instant.parse("2026-12-07T01:00:00Z"), Instant.parse("2026-12-07T02:00:00Z")));
    }

    @Test
    void aWindowMayRunPastMidnightInItsZone() {
        MaintenanceRule saturdayNightNewYork = new MaintenanceRule(UUID.randomUUID(), SHOP, "Sat 22:00 +6h",
                EnumSet.of(DayOfWeek.SATURDAY), LocalTime.of(22, 0), Duration.ofHours(6), ZoneId.of("America/New_York"));
        ZonedDateTime sundayOneAm = ZonedDateTime.of(2026, 12, 6, 1, 0, 0, 0, ZoneId.of("America/New_York"));
        assertTrue(saturdayNightNewYork.covers(sundayOneAm.toInstant(), sundayOneAm.plusHours(2).toInstant()));
        assertFalse(saturdayNightNewYork.covers(sundayOneAm.toInstant(), sundayOneAm.plusHours(4).toInstant()));
    }

    @Test
    void everyConflictIsListed() {
        ChangeWindow w = window(ChangeType.NORMAL, T, Duration.ofHours(1), Set.of(SHOP), Set.of(DB));
        Blackout global = new Blackout(UUID.randomUUID(), "Freeze", T, T.plus(Duration.ofHours(1)), Set.of());
        List<Conflict> c = ConflictDetector.detect(w, GRAPH,
                List.of(scheduled("CHG2", T, Duration.ofHours(1), APP), scheduled("CHG1", T, Duration.ofHours(1), SHOP)),
                List.of(global), Map.of(SHOP, List.of(sundayNightBerlin(SHOP))));
        assertEquals(List.of(ConflictKind.OVERLAPPING_CHANGE, ConflictKind.OVERLAPPING_CHANGE, ConflictKind.BLACKOUT_WINDOW,
                ConflictKind.OUTSIDE_MAINTENANCE_WINDOW), c.stream().map(Conflict::kind).toList());
        assertEquals("CHG1", c.get(0).changeNumber(), "ordered by start, then number");
    }
}
