package dev.itsm.change;

import dev.itsm.change.request.ChangeEdit;
import dev.itsm.change.request.Command;
import dev.itsm.change.request.ChangeRequest;
import dev.itsm.change.request.ChangeState;
import dev.itsm.change.request.ChangeType;
import dev.itsm.change.request.CloseCode;
import dev.itsm.platform.approval.ApprovalStatus;
import dev.itsm.change.risk.Risk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.itsm.platform.approval.ApprovalChain;
import dev.itsm.platform.approval.ApprovalRule;
import dev.itsm.platform.approval.LevelSpec;
import dev.itsm.change.events.ChangeEvent;
import dev.itsm.change.risk.RiskAssessment;
import dev.itsm.change.schedule.Conflict;
import dev.itsm.change.schedule.ConflictKind;
import dev.itsm.platform.problem.ConflictException;
import dev.itsm.platform.problem.IllegalTransitionException;
import dev.itsm.platform.problem.ProblemException;
import dev.itsm.platform.problem.UnprocessableException;
import dev.itsm.platform.problem.ValidationException;

/** The change state machine: every command in every reachable state of every type. */
class ChangeLifecycleTest {

    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    static final List<LevelSpec> ONE_LEVEL = List.of(new LevelSpec("CAB", ApprovalRule.ANY, 1, List.of("tina", "tom")));
    static final RiskAssessment LOW = new RiskAssessment(Map.of(), List.of(), 0, 0, 0, Risk.LOW);

    /** A reachable situation: type, state and approval status. */
    record Situation(ChangeType type, ChangeState state, ApprovalStatus approval) {
        @Override
        public String toString() {
            return type + "/" + state + (state == ChangeState.AUTHORIZE ? "/" + approval : "");
        }
    }

    /** The expected table, written independently of {@link ChangeState} and {@link ChangeRequest#allows}. */
    static final Map<String, Set<String>> LEGAL = Map.ofEntries(
            Map.entry("STANDARD/NEW", Set.of("schedule", "cancel")),
            Map.entry("STANDARD/SCHEDULED", Set.of("start", "cancel")),
            Map.entry("STANDARD/IMPLEMENT", Set.of("complete", "cancel")),
            Map.entry("STANDARD/REVIEW", Set.of("close", "cancel")),
            Map.entry("STANDARD/CLOSED", Set.of()),
            Map.entry("STANDARD/CANCELED", Set.of()),
            Map.entry("NORMAL/NEW", Set.of("submit", "cancel")),
            Map.entry("NORMAL/ASSESS", Set.of("assess", "cancel")),
            Map.entry("NORMAL/AUTHORIZE/PENDING", Set.of("approve", "reject", "cancel")),
            Map.entry("NORMAL/AUTHORIZE/APPROVED", Set.of("schedule", "cancel")),
            Map.entry("NORMAL/SCHEDULED", Set.of("start", "cancel")),
            Map.entry("NORMAL/IMPLEMENT", Set.of("complete", "cancel")),
            Map.entry("NORMAL/REVIEW", Set.of("close", "cancel")),
            Map.entry("NORMAL/CLOSED", Set.of()),
            Map.entry("NORMAL/CANCELED", Set.of()),
            Map.entry("NORMAL/REJECTED", Set.of()),
            Map.entry("EMERGENCY/NEW", Set.of("submit", "cancel")),
            Map.entry("EMERGENCY/AUTHORIZE/PENDING", Set.of("approve", "reject", "cancel")),
            Map.entry("EMERGENCY/AUTHORIZE/APPROVED", Set.of("schedule", "cancel")),
            Map.entry("EMERGENCY/SCHEDULED", Set.of("start", "cancel")),
            Map.entry("EMERGENCY/IMPLEMENT", Set.of("complete", "cancel")),
            Map.entry("EMERGENCY/REVIEW", Set.of("close", "cancel")),
            Map.entry("EMERGENCY/CLOSED", Set.of()),
            Map.entry("EMERGENCY/CANCELED", Set.of()),
            Map.entry("EMERGENCY/REJECTED", Set.of()));

    static Stream<Arguments> everyPair() {
        List<Arguments> out = new ArrayList<>();
        for (String key : LEGAL.keySet().stream().sorted().toList()) {
            String[] p = key.split("/");
            ChangeType type = ChangeType.valueOf(p[0]);
            ChangeState state = ChangeState.valueOf(p[1]);
            ApprovalStatus approval = p.length > 2 ? ApprovalStatus.valueOf(p[2]) : defaultApproval(type, state);
            for (String command : Arrays.stream(Command.values()).filter(Command::isLifecycle).map(Command::wireName).toList()) {
                out.add(Arguments.of(new Situation(type, state, approval), command, LEGAL.get(key).contains(command)));
            }
        }
        return out.stream();
    }

    static ApprovalStatus defaultApproval(ChangeType type, ChangeState state) {
        if (type == ChangeType.STANDARD) {
            return ApprovalStatus.NOT_REQUIRED;
        }
        return switch (state) {
            case NEW, ASSESS -> ApprovalStatus.NOT_STARTED;
            case REJECTED -> ApprovalStatus.REJECTED;
            default -> ApprovalStatus.APPROVED;
        };
    }

    /** A change in the situation, reached through the real commands (so only reachable situations exist). */
    static ChangeRequest in(Situation s) {
        return in(s, draft(s.type()));
    }

    static ChangeRequest in(Situation s, ChangeRequest.Draft draft) {
        ChangeRequest c = ChangeRequest.request(UUID.randomUUID(), "CHG0000001", draft, "rita", NOW).change();
        if (s.state() == ChangeState.CANCELED) {
            c.cancel("not needed", "rita", NOW);
        }
        while (c.state() != s.state() || c.state() == ChangeState.AUTHORIZE && c.approvalStatus() != s.approval()) {
            switch (c.state()) {
                case NEW -> {
                    if (c.type() == ChangeType.STANDARD) {
                        c.schedule(List.of(), ChangeRequest.Override.none("rita"), NOW);
                    } else {
                        c.submit("rita", LOW, ONE_LEVEL, NOW);
                    }
                }
                case ASSESS -> c.assess(LOW, r -> ONE_LEVEL, "rita", NOW);
                case AUTHORIZE -> {
                    if (c.approvalStatus() == ApprovalStatus.APPROVED) {
                        c.schedule(List.of(), ChangeRequest.Override.none("rita"), NOW);
                    } else if (s.state() == ChangeState.REJECTED) {
                        c.reject("tina", "no", NOW);
                    } else {
                        c.approve("tina", "ok", NOW);
                    }
                }
                case SCHEDULED -> c.start("rita", NOW);
                case IMPLEMENT -> c.complete(NOW);
                case REVIEW -> c.close(CloseCode.SUCCESSFUL, "fine", NOW);
                default -> throw new IllegalStateException("cannot reach " + s + " from " + c.state());
            }
        }
        return c;
    }

    static ChangeRequest.Draft draft(ChangeType type) {
        return draft(type, "roll back", NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)));
    }

    static ChangeRequest.Draft draft(ChangeType type, String backoutPlan, Instant plannedStart, Instant plannedEnd) {
        return new ChangeRequest.Draft("Patch web tier", null, "CVE", type, type == ChangeType.STANDARD ? UUID.randomUUID() : null,
                List.of(UUID.randomUUID()), List.of(), new Plans("apply patch", backoutPlan, "smoke"), plannedStart, plannedEnd);
    }

    static List<ChangeEvent> invoke(ChangeRequest c, String command) {
        return switch (command) {
            case "submit" -> c.submit("rita", LOW, ONE_LEVEL, NOW);
            case "assess" -> c.assess(LOW, r -> ONE_LEVEL, "rita", NOW);
            case "approve" -> c.approve("tina", "ok", NOW);
            case "reject" -> c.reject("tina", "no backout", NOW);
            case "schedule" -> c.schedule(List.of(), ChangeRequest.Override.none("rita"), NOW);
            case "start" -> c.start("rita", NOW);
            case "complete" -> c.complete(NOW);
            case "close" -> c.close(CloseCode.SUCCESSFUL, "fine", NOW);
            case "cancel" -> c.cancel("not needed", "rita", NOW);
            default -> throw new IllegalArgumentException(command);
        };
    }

    @ParameterizedTest(name = "{0} {1} legal={2}")
    @MethodSource("everyPair")
    void everyCommandIsAcceptedExactlyWhereTheTableAllowsIt(Situation s, String command, boolean legal) {
        ChangeRequest c = in(s);
        assertEquals(LEGAL.get(s.toString()), Set.copyOf(c.allowedCommands()), "allowed commands of " + s);
        if (legal) {
            List<ChangeEvent> events = invoke(c, command);
            assertTrue(!events.isEmpty(), command + " in " + s + " should emit an event");
        } else {
            IllegalTransitionException e = assertThrows(IllegalTransitionException.class, () -> invoke(c, command));
            assertTrue(e.getMessage().contains("in state " + s.state()), e.getMessage());
            assertEquals(s.state(), c.state(), "an illegal command changes nothing");
        }
    }

    static Stream<Situation> everySituation() {
        return LEGAL.keySet().stream().sorted().map(key -> {
            String[] p = key.split("/");
            ChangeType type = ChangeType.valueOf(p[0]);
            ChangeState state = ChangeState.valueOf(p[1]);
            return new Situation(type, state, p.length > 2 ? ApprovalStatus.valueOf(p[2]) : defaultApproval(type, state));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everySituation")
    void theContentIsEditableOnlyInNewAndTheWindowUntilImplementationStarts(Situation s) {
        ChangeRequest c = in(s);
        boolean contentEditable = s.state() == ChangeState.NEW;
        boolean windowEditable = Set.of(ChangeState.NEW, ChangeState.ASSESS, ChangeState.AUTHORIZE, ChangeState.SCHEDULED)
                .contains(s.state());
        if (!windowEditable) {
            assertThrows(IllegalTransitionException.class, c::editable);
            return;
        }
        ChangeEdit now = c.editable();
        ChangeEdit newPlan = new ChangeEdit(now.title(), now.description(), now.justification(), "drop the database",
                now.backoutPlan(), now.testPlan(), now.plannedStart(), now.plannedEnd(), List.of(UUID.randomUUID()), now.ciIds());
        if (contentEditable) {
            List<ChangeEvent> edited = c.edit(newPlan, w -> List.of(), "sam", NOW);
            assertEquals(List.of("ChangeUpdated"), names(edited));
            assertEquals(List.of("implementationPlan", "serviceIds"), ((ChangeEvent.ChangeUpdated) edited.get(0)).changedFields());
            assertEquals("drop the database", c.plans().implementation());
        } else {
            ConflictException frozen = assertThrows(ConflictException.class, () -> c.edit(newPlan, w -> List.of(), "sam", NOW));
            assertEquals(409, frozen.status());
            assertTrue(frozen.getMessage().contains("in state " + s.state()), frozen.getMessage());
            assertTrue(frozen.getMessage().contains("implementationPlan, serviceIds"), frozen.getMessage());
            assertEquals("apply patch", c.plans().implementation(), "a refused edit changes nothing");
            assertEquals(now.serviceIds(), c.serviceIds());
        }
        ChangeEdit current = c.editable();
        Instant later = current.plannedStart().plus(Duration.ofHours(2));
        ChangeEdit moved = new ChangeEdit(current.title() + "  ", current.description(), current.justification(),
                current.implementationPlan(), current.backoutPlan(), current.testPlan(), later, later.plus(Duration.ofHours(1)),
                current.serviceIds(), current.ciIds());
        List<ChangeEvent> events = c.edit(moved, w -> List.of(), "sam", NOW);
        assertEquals(later, c.plannedStart(), "the window moves in " + s);
        assertEquals(s.state() == ChangeState.SCHEDULED ? List.of("ChangeUpdated", "ChangeScheduled") : List.of("ChangeUpdated"),
                names(events));
        assertEquals(List.of("plannedStart", "plannedEnd"), ((ChangeEvent.ChangeUpdated) events.get(0)).changedFields(),
                "a title differing only in surrounding blanks is not a change");
        assertEquals(List.of(), c.edit(c.editable(), w -> List.of(), "sam", NOW), "an edit that changes nothing is no event");
    }

    @Test
    void aNormalChangeGoesThroughAssessmentAuthorisationAndScheduling() {
        ChangeRequest c = ChangeRequest.request(UUID.randomUUID(), "CHG0000002", draft(ChangeType.NORMAL), "rita", NOW).change();
        assertEquals(List.of("ChangeSubmitted"), names(c.submit("rita", null, List.of(), NOW)));
        assertEquals(ChangeState.ASSESS, c.state());
        List<LevelSpec> twoLevels = List.of(ONE_LEVEL.get(0), new LevelSpec("Owner", ApprovalRule.ANY, 1, List.of("olga")));
        assertEquals(List.of("ChangeAssessed", "ChangeApprovalRequested"), names(c.assess(
                new RiskAssessment(Map.of("q", true), List.of(), 4, 0, 4, Risk.MEDIUM), r -> twoLevels, "rita", NOW)));
        assertEquals(Risk.MEDIUM, c.risk());
        assertEquals(List.of("ChangeApprovalRequested"), names(c.approve("tom", "fine", NOW)));
        assertEquals(List.of("ChangeApproved"), names(c.approve("olga", "fine", NOW)));
        assertEquals(ApprovalStatus.APPROVED, c.approvalStatus());
        assertEquals(List.of("ChangeScheduled"), names(c.schedule(List.of(), ChangeRequest.Override.none("rita"), NOW)));
        assertEquals(List.of("ChangeImplementationStarted"), names(c.start("rita", NOW)));
        assertEquals(List.of("ChangeImplemented"), names(c.complete(NOW.plusSeconds(60))));
        assertEquals(List.of("ChangeClosed"), names(c.close(CloseCode.BACKED_OUT, null, NOW)));
        assertEquals(ChangeState.CLOSED, c.state());
        assertEquals(CloseCode.BACKED_OUT, c.closeCode());
        assertEquals(NOW.plusSeconds(60), c.actualEnd());
    }

    @Test
    void anEmergencyChangeSkipsAssessmentAndGoesToTheEmergencyAuthority() {
        ChangeRequest c = ChangeRequest.request(UUID.randomUUID(), "CHG0000003", draft(ChangeType.EMERGENCY), "rita", NOW).change();
        assertEquals(List.of("ChangeSubmitted", "ChangeApprovalRequested"),
                names(c.submit("rita", LOW, List.of(new LevelSpec("ECAB", ApprovalRule.ANY, 1, List.of("erin"))), NOW)));
        assertEquals(ChangeState.AUTHORIZE, c.state());
        assertEquals("ECAB", c.approvalLevels().get(0).name());
    }

    @Test
    void aStandardChangeIsPreAuthorisedAndGoesStraightToTheSchedule() {
        ChangeRequest c = ChangeRequest.request(UUID.randomUUID(), "CHG0000004", draft(ChangeType.STANDARD), "rita", NOW).change();
        assertEquals(ApprovalStatus.NOT_REQUIRED, c.approvalStatus());
        assertEquals(Risk.LOW, c.risk());
        c.schedule(List.of(), ChangeRequest.Override.none("rita"), NOW);
        assertEquals(ChangeState.SCHEDULED, c.state());
    }

    @Test
    void anEmptyApprovalPolicyAuthorisesAtOnce() {
        ChangeRequest c = in(new Situation(ChangeType.NORMAL, ChangeState.ASSESS, ApprovalStatus.NOT_STARTED));
        assertEquals(List.of("ChangeAssessed", "ChangeApproved"), names(c.assess(LOW, r -> List.of(), "rita", NOW)));
        assertEquals(ApprovalStatus.APPROVED, c.approvalStatus());
    }

    @Test
    void oneRejectionRejectsTheChangeForGood() {
        ChangeRequest c = in(new Situation(ChangeType.NORMAL, ChangeState.AUTHORIZE, ApprovalStatus.PENDING));
        assertEquals(List.of("ChangeRejected"), names(c.reject("tom", "no", NOW)));
        assertEquals(ChangeState.REJECTED, c.state());
        assertEquals(List.of(), c.allowedCommands());
    }

    @Test
    void conflictsBlockSchedulingUnlessOverriddenByAChangeManagerOrForAnEmergency() {
        List<Conflict> conflicts = List.of(new Conflict(ConflictKind.BLACKOUT_WINDOW, "freeze", null, null, UUID.randomUUID(),
                null, List.of(), NOW, NOW.plusSeconds(3600)));
        ChangeRequest normal = in(new Situation(ChangeType.NORMAL, ChangeState.AUTHORIZE, ApprovalStatus.APPROVED));
        ConflictException refused = assertThrows(ConflictException.class,
                () -> normal.schedule(conflicts, ChangeRequest.Override.none("rita"), NOW));
        assertEquals(409, refused.status());
        ProblemException agent = assertThrows(ProblemException.class,
                () -> normal.schedule(conflicts, new ChangeRequest.Override(true, "rita", false, "urgent"), NOW));
        assertEquals(403, agent.status());
        assertThrows(ValidationException.class,
                () -> normal.schedule(conflicts, new ChangeRequest.Override(true, "mia", true, " "), NOW));
        normal.schedule(conflicts, new ChangeRequest.Override(true, "mia", true, "board approved"), NOW);
        assertEquals(ChangeState.SCHEDULED, normal.state());
        assertEquals("mia", normal.overrideRecord().overriddenBy());
        assertEquals("CHANGE_MANAGER", normal.overrideRecord().reason());
        assertEquals(1, normal.overrideRecord().conflicts().size());

        ChangeRequest emergency = in(new Situation(ChangeType.EMERGENCY, ChangeState.AUTHORIZE, ApprovalStatus.APPROVED));
        emergency.schedule(conflicts, new ChangeRequest.Override(true, "rita", false, "outage"), NOW);
        assertEquals("EMERGENCY_CHANGE", emergency.overrideRecord().reason());
    }

    @Test
    void onlyEmergencyChangesMayBeScheduledInThePastAndAWindowIsRequired() {
        ChangeRequest normal = in(new Situation(ChangeType.NORMAL, ChangeState.AUTHORIZE, ApprovalStatus.APPROVED),
                draft(ChangeType.NORMAL, "roll back", NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(1))));
        assertThrows(UnprocessableException.class, () -> normal.schedule(List.of(), ChangeRequest.Override.none("r"), NOW));
        ChangeRequest emergency = in(new Situation(ChangeType.EMERGENCY, ChangeState.AUTHORIZE, ApprovalStatus.APPROVED),
                draft(ChangeType.EMERGENCY, "roll back", NOW.minus(Duration.ofMinutes(30)), NOW.plus(Duration.ofHours(1))));
        emergency.schedule(List.of(), ChangeRequest.Override.none("r"), NOW);
        assertEquals(ChangeState.SCHEDULED, emergency.state());
        ChangeRequest noWindow = in(new Situation(ChangeType.STANDARD, ChangeState.NEW, ApprovalStatus.NOT_REQUIRED),
                draft(ChangeType.STANDARD, "roll back", NOW.plus(Duration.ofDays(1)), null));
        assertThrows(UnprocessableException.class, () -> noWindow.schedule(List.of(), ChangeRequest.Override.none("r"), NOW));
    }

    @Test
    void submittingWithoutABackoutPlanIsRefused() {
        ChangeRequest c = in(new Situation(ChangeType.NORMAL, ChangeState.NEW, ApprovalStatus.NOT_STARTED),
                draft(ChangeType.NORMAL, " ", NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)).plus(Duration.ofHours(1))));
        ProblemException refused = assertThrows(ProblemException.class, () -> c.submit("rita", null, List.of(), NOW));
        assertEquals(422, refused.status());
        assertEquals(List.of("backoutPlan"), refused.toProblem("/").getExtensions().get("missingPlans"));
        assertEquals(ChangeState.NEW, c.state());
    }

    @Test
    void eventsCarryTheFullFacts() {
        ChangeRequest c = in(new Situation(ChangeType.NORMAL, ChangeState.SCHEDULED, ApprovalStatus.APPROVED));
        ChangeEvent e = c.start("sam", NOW).get(0);
        assertEquals(c.id().toString(), e.aggregateId());
        assertEquals("IMPLEMENT", e.change().state());
        assertEquals(c.serviceIds(), e.change().serviceIds());
        if (!(e instanceof ChangeEvent.ChangeImplementationStarted started) || !started.startedBy().equals("sam")) {
            fail("expected ChangeImplementationStarted by sam");
        }
    }

    static List<String> names(List<ChangeEvent> events) {
        return events.stream().map(ChangeEvent::eventType).toList();
    }
}
