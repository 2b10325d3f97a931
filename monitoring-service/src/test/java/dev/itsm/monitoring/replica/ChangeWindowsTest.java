package dev.itsm.monitoring.replica;

import static dev.itsm.monitoring.replica.ReplicaFixtures.change;
import static dev.itsm.monitoring.replica.ReplicaFixtures.changeFacts;
import static dev.itsm.monitoring.replica.ReplicaFixtures.changeNumber;
import static dev.itsm.monitoring.replica.ReplicaFixtures.maintenanceWindow;
import static dev.itsm.monitoring.replica.ReplicaFixtures.now;
import static dev.itsm.monitoring.replica.ReplicaFixtures.windowFacts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.monitoring.replica.ActiveWindow.Kind;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Which change or maintenance window covers an alert, from the replicated change-service events. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_monitoring"))
class ChangeWindowsTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Inject
    ChangeWindows windows;

    @Test
    void aChangeBeingCarriedOutCoversItsCisAndServicesDuringItsPlannedWindowOnly() {
        UUID ci = UUID.randomUUID();
        UUID service = UUID.randomUUID();
        Instant start = now().minus(HOUR);
        Instant end = now().plus(HOUR);
        UUID id = change(List.of(ci), List.of(service), "IMPLEMENT", start, end);

        ActiveWindow expected = new ActiveWindow(Kind.CHANGE_WINDOW, id.toString(), changeNumber(id), null,
                "Upgrade " + changeNumber(id), end);
        assertEquals(Optional.of(expected), covering(ci, List.of(), now()), "by its CI");
        assertEquals(Optional.of(expected), covering(UUID.randomUUID(), List.of(UUID.randomUUID(), service), now()),
                "by one of its services");
        assertEquals(Optional.of(expected), covering(null, List.of(service), start), "the start is inside");
        assertTrue(covering(ci, List.of(), end).isEmpty(), "the end is outside");
        assertTrue(covering(ci, List.of(), start.minusSeconds(1)).isEmpty(), "before the window");
        assertTrue(covering(UUID.randomUUID(), List.of(UUID.randomUUID()), now()).isEmpty(), "another CI and service");
        assertTrue(covering(null, List.of(), now()).isEmpty(), "nothing to cover");
    }

    @Test
    void onlyScheduledAndImplementingChangesCoverAndTheLatestStateCounts() {
        UUID ci = UUID.randomUUID();
        UUID id = change(List.of(ci), List.of(), "AUTHORIZE", now().minus(HOUR), now().plus(HOUR));
        assertTrue(covering(ci, List.of(), now()).isEmpty(), "not yet scheduled");

        ReplicaFixtures.changeState(id, "SCHEDULED");
        assertEquals(id.toString(), covering(ci, List.of(), now()).orElseThrow().changeId());
        ReplicaFixtures.changeState(id, "IMPLEMENT");
        assertEquals(id.toString(), covering(ci, List.of(), now()).orElseThrow().changeId());
        ReplicaFixtures.changeState(id, "REVIEW");
        assertTrue(covering(ci, List.of(), now()).isEmpty(), "implemented: the window no longer covers");

        // an older event (a lagging copy) cannot bring the change back into IMPLEMENT
        ReplicaFixtures.changeEvent("ChangeImplementationStarted", changeFacts(id, changeNumber(id), "IMPLEMENT",
                List.of(ci), List.of(), now().minus(HOUR), now().plus(HOUR), now().minus(Duration.ofDays(1))));
        assertTrue(covering(ci, List.of(), now()).isEmpty());
        assertEquals("REVIEW", ReplicaFixtures.value("select state from replica_change where change_id = ?", id));
    }

    @Test
    void ofSeveralChangesTheOneEndingLastIsNamed() {
        UUID ci = UUID.randomUUID();
        change(List.of(ci), List.of(), "IMPLEMENT", now().minus(HOUR), now().plus(HOUR));
        UUID longer = change(List.of(ci), List.of(), "SCHEDULED", now().minus(HOUR), now().plus(HOUR.multipliedBy(3)));
        assertEquals(longer.toString(), covering(ci, List.of(), now()).orElseThrow().changeId());
    }

    @Test
    void aMaintenanceWindowRunningPastMidnightInItsOwnZoneCoversTheServicesAlerts() {
        UUID service = UUID.randomUUID();
        // Saturdays 23:00 New York for 3 hours = 2026-12-06 04:00Z .. 07:00Z
        UUID window = maintenanceWindow(service, EnumSet.of(DayOfWeek.SATURDAY), LocalTime.of(23, 0), 180,
                ZoneId.of("America/New_York"));
        Optional<ActiveWindow> open = covering(UUID.randomUUID(), List.of(service), Instant.parse("2026-12-06T06:30:00Z"));
        assertEquals(Kind.MAINTENANCE_WINDOW, open.orElseThrow().kind());
        assertEquals(window.toString(), open.get().windowId());
        assertEquals(Instant.parse("2026-12-06T07:00:00Z"), open.get().until());
        assertEquals(null, open.get().changeId());
        assertTrue(open.get().name().startsWith("Maintenance "));

        assertTrue(covering(null, List.of(service), Instant.parse("2026-12-06T07:00:00Z")).isEmpty(), "ended");
        assertTrue(covering(null, List.of(service), Instant.parse("2026-12-05T23:30:00Z")).isEmpty(),
                "Saturday 23:30 UTC is 18:30 in New York");
        assertTrue(covering(null, List.of(UUID.randomUUID()), Instant.parse("2026-12-06T06:30:00Z")).isEmpty(),
                "another service's alert");
    }

    @Test
    void aChangeWinsOverAMaintenanceWindow() {
        UUID service = UUID.randomUUID();
        maintenanceWindow(service, EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, 1440, ZoneId.of("UTC"));
        assertEquals(Kind.MAINTENANCE_WINDOW, covering(null, List.of(service), now()).orElseThrow().kind());

        UUID id = change(List.of(), List.of(service), "IMPLEMENT", now().minus(HOUR), now().plus(HOUR));
        ActiveWindow w = covering(null, List.of(service), now()).orElseThrow();
        assertEquals(Kind.CHANGE_WINDOW, w.kind());
        assertEquals(id.toString(), w.changeId());
    }

    @Test
    void aDeletedMaintenanceWindowNoLongerCoversAndAnOlderVersionCannotRestoreIt() {
        UUID service = UUID.randomUUID();
        Set<DayOfWeek> always = EnumSet.allOf(DayOfWeek.class);
        UUID window = maintenanceWindow(service, always, LocalTime.MIDNIGHT, 1440, ZoneId.of("UTC"));
        assertTrue(covering(null, List.of(service), now()).isPresent());

        ReplicaFixtures.windowChanged(windowFacts(window, "DELETED", "gone", service, always, LocalTime.MIDNIGHT, 1440,
                ZoneId.of("UTC"), 2, now()));
        assertTrue(covering(null, List.of(service), now()).isEmpty());

        ReplicaFixtures.windowChanged(windowFacts(window, "UPDATED", "late copy", service, always, LocalTime.MIDNIGHT,
                1440, ZoneId.of("UTC"), 1, now()));
        assertTrue(covering(null, List.of(service), now()).isEmpty(), "version 1 is older than the deletion");
    }

    @Test
    void blackoutWindowsAreNotMaintenance() {
        UUID service = UUID.randomUUID();
        UUID window = UUID.randomUUID();
        var facts = windowFacts(window, "CREATED", "Year-end freeze", service, EnumSet.allOf(DayOfWeek.class),
                LocalTime.MIDNIGHT, 1440, ZoneId.of("UTC"), 1, now());
        facts.put("windowKind", "BLACKOUT");
        ReplicaFixtures.windowChanged(facts);
        assertTrue(covering(null, List.of(service), now()).isEmpty());
        assertEquals(0L, ReplicaFixtures.count("select count(*) from replica_maintenance_window where window_id = ?", window));
    }

    private Optional<ActiveWindow> covering(UUID ci, Collection<UUID> services, Instant at) {
        return QuarkusTransaction.requiringNew().call(() -> windows.covering(ci, services, at));
    }
}
