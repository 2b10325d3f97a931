package dev.itsm.change.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.itsm.change.request.ChangeType;
import dev.itsm.change.risk.Risk;
import dev.itsm.platform.approval.ApprovalRule;
import dev.itsm.platform.approval.LevelSpec;

/** The change authority: type and risk → the levels (the chain itself is tested in platform). */
class ApprovalPolicyTest {

    @Test
    void thePolicyMapsTypeAndRiskToLevels() {
        ApprovalPolicy p = ApprovalPolicy.parse(Map.of(
                "normal-high", "Tech:ALL:t1,t2; CAB:QUORUM(2):c1,c2,c3",
                "normal", "Manager:ANY:m",
                "emergency", "ECAB:ANY:e1,e2"));
        List<LevelSpec> high = p.levelsFor(ChangeType.NORMAL, Risk.HIGH);
        assertEquals(2, high.size());
        assertEquals(ApprovalRule.ALL, high.get(0).rule());
        assertEquals(ApprovalRule.QUORUM, high.get(1).rule());
        assertEquals(2, high.get(1).quorum());
        assertEquals("Manager", p.levelsFor(ChangeType.NORMAL, Risk.LOW).get(0).name(), "falls back to the type entry");
        assertEquals("ECAB", p.levelsFor(ChangeType.EMERGENCY, Risk.HIGH).get(0).name());
        assertEquals(List.of(), p.levelsFor(ChangeType.STANDARD, Risk.HIGH));
    }

    @Test
    void aBrokenPolicyIsRefusedWithItsKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ApprovalPolicy.parse(Map.of("normal", "CAB:MOST:a")))
                .getMessage().contains("normal"));
        assertThrows(IllegalArgumentException.class, () -> ApprovalPolicy.parse(Map.of("normal", "CAB:QUORUM(3):a,b")));
        assertThrows(IllegalArgumentException.class, () -> ApprovalPolicy.parse(Map.of("normal", "CAB:ANY")));
    }
}
