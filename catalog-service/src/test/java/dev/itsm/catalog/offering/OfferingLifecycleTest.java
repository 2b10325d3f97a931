package dev.itsm.catalog.offering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.itsm.catalog.events.OfferingEvent;
import dev.itsm.catalog.events.OfferingEvent.OfferingChanged;
import dev.itsm.catalog.events.OfferingEvent.OfferingPublished;
import dev.itsm.catalog.events.OfferingEvent.OfferingWithdrawn;
import dev.itsm.platform.problem.IllegalTransitionException;
import dev.itsm.platform.problem.UnprocessableException;

/** Every (status, command) pair of DRAFT → PUBLISHED → WITHDRAWN. */
class OfferingLifecycleTest {

    static final Instant NOW = Instant.parse("2026-11-27T09:30:00Z");

    static Offering.Facts complete() {
        return new Offering.Facts("Mail", null, "all-employees", List.of(UUID.randomUUID()),
                List.of(new OfferingComponent("mailbox", ComponentKind.ACCESS_TO_RESOURCES, "Mailbox", null, null)));
    }

    static Offering in(OfferingStatus status) {
        Offering o = Offering.draft(UUID.randomUUID(), complete(), NOW);
        if (status == OfferingStatus.PUBLISHED) {
            o.publish(true, NOW);
        } else if (status == OfferingStatus.WITHDRAWN) {
            o.withdraw(NOW);
        }
        return o;
    }

    static List<OfferingEvent> run(Offering o, String cmd) {
        return switch (cmd) {
            case "publish" -> o.publish(true, NOW);
            case "withdraw" -> o.withdraw(NOW);
            case "update" -> o.update(complete(), true, NOW);
            default -> throw new IllegalArgumentException(cmd);
        };
    }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @CsvSource({
            "DRAFT, publish, PUBLISHED",
            "DRAFT, withdraw, WITHDRAWN",
            "DRAFT, update, DRAFT",
            "PUBLISHED, withdraw, WITHDRAWN",
            "PUBLISHED, update, PUBLISHED",
    })
    void legalCommands(OfferingStatus from, String cmd, OfferingStatus to) {
        Offering o = in(from);
        List<OfferingEvent> events = run(o, cmd);
        assertEquals(to, o.status());
        Class<?> expected = switch (cmd) {
            case "publish" -> OfferingPublished.class;
            case "withdraw" -> OfferingWithdrawn.class;
            default -> OfferingChanged.class;
        };
        assertTrue(expected.isInstance(events.get(0)), events.toString());
        if (cmd.equals("update") && from == OfferingStatus.PUBLISHED) {
            assertTrue(events.get(1) instanceof OfferingPublished, "an edited published offering is republished");
        }
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @CsvSource({
            "PUBLISHED, publish",
            "WITHDRAWN, publish",
            "WITHDRAWN, withdraw",
            "WITHDRAWN, update",
    })
    void illegalCommands(OfferingStatus from, String cmd) {
        Offering o = in(from);
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class, () -> run(o, cmd));
        assertTrue(e.getMessage().contains("in state " + from), e.getMessage());
        assertEquals(from, o.status());
    }

    @Test
    void publishingNeedsServicesComponentsAndLiveServices() {
        Offering empty = Offering.draft(UUID.randomUUID(), new Offering.Facts("x", null, "g", List.of(), List.of()), NOW);
        assertThrows(UnprocessableException.class, () -> empty.publish(true, NOW));
        Offering o = in(OfferingStatus.DRAFT);
        assertThrows(UnprocessableException.class, () -> o.publish(false, NOW));
        assertEquals(OfferingStatus.DRAFT, o.status());
    }

    @Test
    void aPublishedOfferingKeepsOnlyLiveServicesButADraftMayNameAny() {
        Offering published = in(OfferingStatus.PUBLISHED);
        assertThrows(UnprocessableException.class, () -> published.update(complete(), false, NOW));
        assertEquals(1, in(OfferingStatus.DRAFT).update(complete(), false, NOW).size());
    }

    @Test
    void allowedCommandsPerStatusListOnlyThePostCommands() {
        assertEquals(List.of("publish", "withdraw"), OfferingStatus.DRAFT.allowedCommands());
        assertEquals(List.of("withdraw"), OfferingStatus.PUBLISHED.allowedCommands());
        assertEquals(List.of(), OfferingStatus.WITHDRAWN.allowedCommands());
    }
}
