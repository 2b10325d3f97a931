package dev.itsm.catalog.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.itsm.catalog.events.ServiceEvent;
import dev.itsm.catalog.events.ServiceEvent.ServiceStatusChanged;
import dev.itsm.catalog.events.ServiceEvent.ServiceUpdated;
import dev.itsm.platform.problem.IllegalTransitionException;
import dev.itsm.platform.problem.ValidationException;

/** Every (status, command) pair of the service lifecycle, legal and illegal. */
class ServiceLifecycleTest {

    static final Instant NOW = Instant.parse("2026-11-27T09:30:00Z");

    static ItService in(ServiceStatus status) {
        ItService s = ItService.plan(UUID.randomUUID(), "svc", facts(List.of()), NOW);
        if (status == ServiceStatus.LIVE) {
            s.goLive(NOW);
        } else if (status == ServiceStatus.RETIRED) {
            s.retire(NOW);
        }
        assertEquals(status, s.status());
        return s;
    }

    static ItService.Facts facts(List<UUID> dependsOn) {
        return new ItService.Facts("Service", null, ServiceType.BUSINESS, "team", "utility", null, dependsOn);
    }

    static BiFunction<ItService, Instant, List<ServiceEvent>> command(String name) {
        return switch (name) {
            case "go-live" -> ItService::goLive;
            case "retire" -> ItService::retire;
            case "update" -> (s, now) -> s.update(facts(List.of()), now);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @CsvSource({
            "PIPELINE, go-live, LIVE",
            "PIPELINE, retire, RETIRED",
            "PIPELINE, update, PIPELINE",
            "LIVE, retire, RETIRED",
            "LIVE, update, LIVE",
    })
    void legalCommandsMoveTheServiceAndReturnTheirEvent(ServiceStatus from, String cmd, ServiceStatus to) {
        ItService s = in(from);
        List<ServiceEvent> events = command(cmd).apply(s, NOW);
        assertEquals(to, s.status());
        assertEquals(1, events.size());
        if (cmd.equals("update")) {
            assertTrue(events.get(0) instanceof ServiceUpdated);
        } else {
            ServiceStatusChanged changed = (ServiceStatusChanged) events.get(0);
            assertEquals(from, changed.previousStatus());
            assertEquals(to, changed.facts().status());
            assertEquals(s.id().toString(), changed.aggregateId());
        }
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @CsvSource({
            "LIVE, go-live",
            "RETIRED, go-live",
            "RETIRED, retire",
            "RETIRED, update",
    })
    void illegalCommandsAreRefusedNamingTheCurrentStatus(ServiceStatus from, String cmd) {
        ItService s = in(from);
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class, () -> command(cmd).apply(s, NOW));
        assertEquals(409, e.status());
        assertTrue(e.getMessage().contains("in state " + from), e.getMessage());
        assertEquals(from, s.status());
    }

    @Test
    void allowedCommandsPerStatus() {
        assertEquals(List.of("go-live", "retire"), ServiceStatus.PIPELINE.allowedCommands());
        assertEquals(List.of("retire"), ServiceStatus.LIVE.allowedCommands());
        assertEquals(List.of(), ServiceStatus.RETIRED.allowedCommands());
        assertTrue(ServiceStatus.LIVE.allows(ServiceCommand.UPDATE));
        assertFalse(ServiceStatus.RETIRED.allows(ServiceCommand.UPDATE));
    }

    @Test
    void statusChangesCarryTheFullServiceAndThePreviousStatus() {
        ItService s = in(ServiceStatus.PIPELINE);
        ServiceStatusChanged e = (ServiceStatusChanged) s.goLive(NOW).get(0);
        assertEquals(ServiceStatus.PIPELINE, e.previousStatus());
        assertEquals(ServiceStatus.LIVE, e.facts().status());
        assertEquals("svc", e.facts().key());
        assertEquals(NOW, e.occurredAt());
        assertEquals("ServiceStatusChanged", e.eventType());
    }

    @Test
    void aServiceCannotDependOnItself() {
        ItService s = in(ServiceStatus.PIPELINE);
        assertThrows(ValidationException.class, () -> s.update(facts(List.of(s.id())), NOW));
    }
}
