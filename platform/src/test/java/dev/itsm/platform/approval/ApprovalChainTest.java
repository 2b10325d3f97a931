package dev.itsm.platform.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.problem.ConflictException;
import dev.itsm.platform.problem.ProblemException;

class ApprovalChainTest {

    static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    record State(List<ApprovalLevel> levels, List<ApprovalDecision> decisions) {
    }

    static State start(LevelSpec... specs) {
        return new State(ApprovalChain.start(List.of(specs), T), List.of());
    }

    static ApprovalChain.Outcome decide(State s, String who, Decision d) {
        return ApprovalChain.decide(s.levels(), s.decisions(), "rita", who, d, "c", T);
    }

    static State after(ApprovalChain.Outcome o) {
        return new State(o.levels(), o.decisions());
    }

    @Test
    void anyPassesOnTheFirstApproval() {
        State s = start(new LevelSpec("L1", ApprovalRule.ANY, 1, List.of("a", "b", "c")));
        assertEquals(ApprovalChain.Result.APPROVED, decide(s, "b", Decision.APPROVED).result());
    }

    @Test
    void allNeedsEveryApprover() {
        State s = start(new LevelSpec("L1", ApprovalRule.ALL, 3, List.of("a", "b", "c")));
        ApprovalChain.Outcome o = decide(s, "a", Decision.APPROVED);
        assertEquals(ApprovalChain.Result.LEVEL_PENDING, o.result());
        o = decide(after(o), "c", Decision.APPROVED);
        assertEquals(ApprovalChain.Result.LEVEL_PENDING, o.result());
        o = decide(after(o), "b", Decision.APPROVED);
        assertEquals(ApprovalChain.Result.APPROVED, o.result());
        assertEquals(LevelStatus.APPROVED, o.levels().get(0).status());
        assertEquals(3, o.decisions().size());
    }

    @Test
    void allDoesNotWaitForTheRequesterWhoMayNotApprove() {
        State s = start(new LevelSpec("L1", ApprovalRule.ALL, 2, List.of("a", "rita")));
        assertEquals(ApprovalChain.Result.APPROVED, decide(s, "a", Decision.APPROVED).result());
    }

    @Test
    void quorumPassesAtNApprovals() {
        State s = start(new LevelSpec("CAB", ApprovalRule.QUORUM, 2, List.of("a", "b", "c")));
        ApprovalChain.Outcome o = decide(s, "a", Decision.APPROVED);
        assertEquals(ApprovalChain.Result.LEVEL_PENDING, o.result());
        assertEquals(ApprovalChain.Result.APPROVED, decide(after(o), "c", Decision.APPROVED).result());
    }

    @Test
    void levelsRunInSequence() {
        State s = start(new LevelSpec("Tech", ApprovalRule.ANY, 1, List.of("t")),
                new LevelSpec("CAB", ApprovalRule.ANY, 1, List.of("c")));
        assertEquals(LevelStatus.OPEN, s.levels().get(0).status());
        assertEquals(LevelStatus.WAITING, s.levels().get(1).status());
        ProblemException early = assertThrows(ProblemException.class, () -> decide(s, "c", Decision.APPROVED));
        assertEquals(403, early.status(), "a level-2 approver cannot decide while level 1 is open");
        ApprovalChain.Outcome o = decide(s, "t", Decision.APPROVED);
        assertEquals(ApprovalChain.Result.NEXT_LEVEL_OPENED, o.result());
        assertEquals(2, o.openedLevel().orElseThrow().level());
        assertEquals(LevelStatus.OPEN, o.levels().get(1).status());
        assertEquals(ApprovalChain.Result.APPROVED, decide(after(o), "c", Decision.APPROVED).result());
    }

    @Test
    void theRequesterCannotApproveTheirOwnChange() {
        State s = start(new LevelSpec("L1", ApprovalRule.ANY, 1, List.of("rita", "b")));
        ProblemException e = assertThrows(ProblemException.class, () -> decide(s, "rita", Decision.APPROVED));
        assertEquals(403, e.status());
        assertTrue(e.getMessage().contains("cannot approve"));
    }

    @Test
    void anApproverCannotDecideTwice() {
        State s = start(new LevelSpec("L1", ApprovalRule.QUORUM, 2, List.of("a", "b", "c")));
        ApprovalChain.Outcome o = decide(s, "a", Decision.APPROVED);
        assertThrows(ConflictException.class, () -> decide(after(o), "a", Decision.APPROVED));
        assertThrows(ConflictException.class, () -> decide(after(o), "a", Decision.REJECTED));
    }

    @Test
    void oneRejectionRejectsEvenAfterOtherApprovals() {
        State s = start(new LevelSpec("L1", ApprovalRule.QUORUM, 2, List.of("a", "b", "c")));
        ApprovalChain.Outcome o = decide(s, "a", Decision.APPROVED);
        o = decide(after(o), "b", Decision.REJECTED);
        assertEquals(ApprovalChain.Result.REJECTED, o.result());
        assertEquals(LevelStatus.REJECTED, o.levels().get(0).status());
        State rejected = after(o);
        assertThrows(ConflictException.class, () -> decide(rejected, "c", Decision.APPROVED), "no level is open any more");
    }

    @Test
    void strangersCannotDecide() {
        State s = start(new LevelSpec("L1", ApprovalRule.ANY, 1, List.of("a")));
        assertEquals(403, assertThrows(ProblemException.class, () -> decide(s, "zed", Decision.REJECTED)).status());
    }

    @Test
    void brokenLevelTextIsRefusedWithItsKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LevelSpecs.parse("normal", "CAB:MOST:a"))
                .getMessage().contains("normal"));
        assertThrows(IllegalArgumentException.class, () -> LevelSpecs.parse("normal", "CAB:QUORUM(3):a,b"));
        assertThrows(IllegalArgumentException.class, () -> LevelSpecs.parse("normal", "CAB:ANY"));
        assertEquals(List.of(), LevelSpecs.parse("k", "none"));
        assertEquals(2, LevelSpecs.parse("k", "Tech:ALL:t1,t2; CAB:QUORUM(2):c1,c2,c3").get(1).quorum());
    }
}
