package dev.itsm.incident;

import static dev.itsm.incident.IncidentState.CANCELED;
import static dev.itsm.incident.IncidentState.CLOSED;
import static dev.itsm.incident.IncidentState.IN_PROGRESS;
import static dev.itsm.incident.IncidentState.NEW;
import static dev.itsm.incident.IncidentState.ON_HOLD;
import static dev.itsm.incident.IncidentState.RESOLVED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.itsm.incident.events.IncidentEvent;
import dev.itsm.platform.problem.ConflictException;
import dev.itsm.platform.problem.IllegalTransitionException;
import dev.itsm.platform.problem.Problem;

/** Every (state, command) pair: the legal ones land in the right state with the right events, the rest are refused. */
class IncidentStateMachineTest {

    static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    static final Duration WINDOW = Duration.ofDays(7);
    static final PriorityMatrix MATRIX = PriorityMatrixTest.industryDefault();

    /** The lifecycle of the issue, restated: (state, command) → (new state, event types). Everything else is illegal. */
    static final Map<IncidentState, Map<Command, Outcome>> LEGAL = Map.of(
            NEW, Map.of(
                    Command.ACKNOWLEDGE, new Outcome(IN_PROGRESS, "IncidentAcknowledged"),
                    Command.ASSIGN, new Outcome(IN_PROGRESS, "IncidentAcknowledged", "IncidentAssigned"),
                    Command.UPDATE, new Outcome(NEW, "IncidentPriorityChanged", "IncidentUpdated"),
                    Command.DECLARE_MAJOR, new Outcome(NEW, "MajorIncidentDeclared"),
                    Command.CANCEL, new Outcome(CANCELED, "IncidentCanceled")),
            IN_PROGRESS, Map.of(
                    Command.ASSIGN, new Outcome(IN_PROGRESS, "IncidentAssigned"),
                    Command.UPDATE, new Outcome(IN_PROGRESS, "IncidentPriorityChanged", "IncidentUpdated"),
                    Command.DECLARE_MAJOR, new Outcome(IN_PROGRESS, "MajorIncidentDeclared"),
                    Command.HOLD, new Outcome(ON_HOLD, "IncidentPutOnHold"),
                    Command.RESOLVE, new Outcome(RESOLVED, "IncidentResolved"),
                    Command.CANCEL, new Outcome(CANCELED, "IncidentCanceled")),
            ON_HOLD, Map.of(
                    Command.ASSIGN, new Outcome(ON_HOLD, "IncidentAssigned"),
                    Command.UPDATE, new Outcome(ON_HOLD, "IncidentPriorityChanged", "IncidentUpdated"),
                    Command.DECLARE_MAJOR, new Outcome(ON_HOLD, "MajorIncidentDeclared"),
                    Command.RESUME, new Outcome(IN_PROGRESS, "IncidentResumed"),
                    Command.RESOLVE, new Outcome(RESOLVED, "IncidentResolved"),
                    Command.CANCEL, new Outcome(CANCELED, "IncidentCanceled")),
            RESOLVED, Map.of(
                    Command.REOPEN, new Outcome(IN_PROGRESS, "IncidentReopened"),
                    Command.CLOSE, new Outcome(CLOSED, "IncidentClosed")),
            CLOSED, Map.of(),
            CANCELED, Map.of());

    record Outcome(IncidentState state, List<String> events) {
        Outcome(IncidentState state, String... events) {
            this(state, List.of(events));
        }
    }

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (IncidentState s : IncidentState.values()) {
            for (Command c : Command.values()) {
                pairs.add(Arguments.of(s, c));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("everyPair")
    void eachCommandIsLegalExactlyWhereTheLifecycleSaysSo(IncidentState from, Command command) {
        Incident incident = inState(from);
        Outcome expected = LEGAL.get(from).get(command);
        if (expected != null) {
            List<IncidentEvent> events = run(incident, command, T0.plusSeconds(60));
            assertEquals(expected.state(), incident.state());
            assertEquals(expected.events(), events.stream().map(IncidentEvent::eventType).toList());
            events.forEach(e -> {
                assertEquals(incident.id().toString(), e.aggregateId());
                assertEquals(incident.state(), e.facts().state(), "events carry the state after the command");
            });
        } else {
            IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                    () -> run(incident, command, T0.plusSeconds(60)));
            Problem p = e.toProblem("/x");
            assertEquals(409, p.getStatus());
            assertEquals(from.name(), p.getExtensions().get("currentState"));
            assertEquals(command.wireName(), p.getExtensions().get("command"));
            List<String> allowed = LEGAL.get(from).keySet().stream().map(Command::wireName).sorted().toList();
            @SuppressWarnings("unchecked")
            List<String> named = (List<String>) p.getExtensions().get("allowedCommands");
            assertEquals(allowed, named.stream().sorted().toList());
            assertEquals(from, incident.state(), "a refused command changes nothing");
        }
    }

    @Test
    void closedAndCanceledAreFinal() {
        assertTrue(CLOSED.isFinal());
        assertTrue(CANCELED.isFinal());
        assertFalse(RESOLVED.isFinal());
    }

    @Test
    void reopeningAfterTheWindowIsRefusedAndWithinItCountsTheReopen() {
        Incident late = inState(RESOLVED);
        ConflictException e = assertThrows(ConflictException.class,
                () -> late.reopen("again", WINDOW, T0.plus(WINDOW).plusSeconds(61)));
        assertEquals(409, e.status());
        assertEquals(RESOLVED, late.state());

        Incident early = inState(RESOLVED);
        early.reopen("again", WINDOW, T0.plus(WINDOW));
        assertEquals(IN_PROGRESS, early.state());
        assertEquals(1, early.reopenCount());
        assertEquals(null, early.resolvedAt());
    }

    @Test
    void changingImpactOrUrgencyRecomputesThePriority() {
        Incident i = inState(NEW); // MEDIUM × MEDIUM → P3
        assertEquals(Priority.P3, i.priority());
        List<IncidentEvent> events = i.edit(changes(i, Impact.HIGH, null), MATRIX, T0);
        assertEquals(Priority.P2, i.priority());
        IncidentEvent.IncidentPriorityChanged changed = (IncidentEvent.IncidentPriorityChanged) events.get(0);
        assertEquals(Priority.P3, changed.previousPriority());
        assertEquals(Priority.P2, changed.facts().priority());

        assertEquals(List.of(), i.edit(changes(i, Impact.HIGH, Urgency.MEDIUM), MATRIX, T0), "same priority, no event");
        i.edit(changes(i, null, Urgency.HIGH), MATRIX, T0);
        assertEquals(Priority.P1, i.priority());
    }

    @Test
    void aChangeLinkIsAnnouncedOnlyWhenItChangesTheIncidentInAnyState() {
        for (IncidentState state : IncidentState.values()) {
            Incident i = inState(state);
            List<IncidentEvent> linked = i.linkChange("5d0c7a3e-1b2f-4c8d-9e6a-7f8b9c0d1e2f", T0);
            assertEquals(List.of("IncidentUpdated"), linked.stream().map(IncidentEvent::eventType).toList(), state.name());
            assertEquals(List.of("linkedChangeIds"), ((IncidentEvent.IncidentUpdated) linked.get(0)).changedFields());
            assertEquals(List.of("5d0c7a3e-1b2f-4c8d-9e6a-7f8b9c0d1e2f"), linked.get(0).facts().linkedChangeIds());
            assertEquals(List.of(), i.linkChange("5d0c7a3e-1b2f-4c8d-9e6a-7f8b9c0d1e2f", T0), "already linked");
            assertEquals(1, i.unlinkChange("5d0c7a3e-1b2f-4c8d-9e6a-7f8b9c0d1e2f", T0).size());
            assertEquals(List.of(), i.unlinkChange("5d0c7a3e-1b2f-4c8d-9e6a-7f8b9c0d1e2f", T0), "already unlinked");
        }
    }

    @Test
    void aChildResolvesWithItsMajorIncidentEvenFromNew() {
        Incident parent = inState(IN_PROGRESS);
        parent.declareMajor(T0);
        Incident child = Incident.open(UUID.randomUUID(), "INC0000002", opening(parent.id()), MATRIX, T0);
        parent.resolve(ResolutionCode.PERMANENT_FIX, "fixed the router", T0);
        List<IncidentEvent> events = child.resolveWithParent(parent, T0);
        assertEquals(RESOLVED, child.state());
        assertEquals(ResolutionCode.PERMANENT_FIX, child.resolutionCode());
        assertEquals("IncidentResolved", events.get(0).eventType());
        assertEquals(parent.id(), events.get(0).facts().parentIncidentId());
    }

    @Test
    void aMajorIncidentCannotBeDeclaredTwice() {
        Incident i = inState(IN_PROGRESS);
        i.declareMajor(T0);
        assertThrows(ConflictException.class, () -> i.declareMajor(T0));
    }

    // ------------------------------------------------------------------ helpers

    /** A known error of the incident's problem: taken once by an open incident, refused by a finished one. */
    @ParameterizedTest
    @EnumSource(IncidentState.class)
    void aKnownErrorIsTakenOnlyByAnOpenIncidentAndOnlyOnce(IncidentState state) {
        Incident i = inState(state);
        UUID knownError = UUID.randomUUID();
        if (!state.isOpen()) {
            assertThrows(IllegalTransitionException.class, () -> i.linkKnownError(knownError, T0));
            assertNull(i.knownErrorId());
            return;
        }
        List<IncidentEvent> events = i.linkKnownError(knownError, T0.plusSeconds(1));
        assertEquals(1, events.size());
        IncidentEvent.IncidentUpdated updated = (IncidentEvent.IncidentUpdated) events.get(0);
        assertEquals(List.of("knownErrorId"), updated.changedFields());
        assertEquals(knownError, updated.facts().knownErrorId());
        assertEquals(T0.plusSeconds(1), i.updatedAt());
        assertTrue(i.linkKnownError(knownError, T0.plusSeconds(2)).isEmpty(), "the same known error again changes nothing");
        assertEquals(state, i.state());
    }

    static List<IncidentEvent> run(Incident i, Command c, Instant now) {
        return switch (c) {
            case ACKNOWLEDGE -> i.acknowledge(now);
            case ASSIGN -> i.assign("network", "bob", now);
            case HOLD -> i.hold(HoldReason.AWAITING_CALLER, now);
            case RESUME -> i.resume(now);
            case RESOLVE -> i.resolve(ResolutionCode.WORKAROUND, "restarted", now);
            case REOPEN -> i.reopen("came back", WINDOW, now);
            case CLOSE -> i.close(now);
            case CANCEL -> i.cancel("duplicate", now);
            case DECLARE_MAJOR -> i.declareMajor(now);
            case UPDATE -> i.edit(changes(i, Impact.HIGH, Urgency.HIGH), MATRIX, now);
        };
    }

    static Incident inState(IncidentState s) {
        Incident i = Incident.open(UUID.randomUUID(), "INC0000001", opening(null), MATRIX, T0);
        switch (s) {
            case NEW -> {
            }
            case IN_PROGRESS -> i.acknowledge(T0);
            case ON_HOLD -> {
                i.acknowledge(T0);
                i.hold(HoldReason.AWAITING_VENDOR, T0);
            }
            case RESOLVED -> {
                i.acknowledge(T0);
                i.resolve(ResolutionCode.WORKAROUND, "restarted", T0);
            }
            case CLOSED -> {
                i.acknowledge(T0);
                i.resolve(ResolutionCode.WORKAROUND, "restarted", T0);
                i.close(T0);
            }
            case CANCELED -> i.cancel("mistake", T0);
        }
        assertEquals(s, i.state());
        return i;
    }

    static Incident.Opening opening(UUID parent) {
        return new Incident.Opening("Mail down", null, "jane", UUID.randomUUID(), null, "email", Impact.MEDIUM,
                Urgency.MEDIUM, null, null, parent, Set.of());
    }

    /** The incident's editable values with impact and/or urgency changed (null keeps the current one). */
    static Incident.Edit changes(Incident i, Impact impact, Urgency urgency) {
        Incident.Edit e = i.editable();
        return new Incident.Edit(e.title(), e.description(), e.category(), impact == null ? e.impact() : impact,
                urgency == null ? e.urgency() : urgency, e.ciId(), e.parentIncidentId(), e.linkedChangeIds());
    }
}
