package dev.itsm.change.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.problem.ValidationException;

class RiskAssessorTest {

    final RiskAssessor assessor = new RiskAssessor(List.of(new RiskQuestion("customerFacing", "?", 2),
            new RiskQuestion("noBackout", "?", 3)), 1, 4, 3, 6);

    static Set<UUID> services(int n) {
        Set<UUID> s = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            s.add(UUID.randomUUID());
        }
        return s;
    }

    @Test
    void answersAndImpactedServicesMakeTheScore() {
        assertEquals(Risk.LOW, assessor.assess(Map.of("customerFacing", false, "noBackout", false), services(2), true).risk());
        RiskAssessment medium = assessor.assess(Map.of("customerFacing", true, "noBackout", false), services(1), true);
        assertEquals(3, medium.score());
        assertEquals(Risk.MEDIUM, medium.risk());
        RiskAssessment high = assessor.assess(Map.of("customerFacing", false, "noBackout", true), services(3), true);
        assertEquals(Risk.HIGH, high.risk());
        assertEquals(3, high.impactPoints());
        assertEquals(3, high.impactedServiceIds().size());
    }

    @Test
    void impactPointsAreCapped() {
        RiskAssessment r = assessor.assess(Map.of("customerFacing", false, "noBackout", false), services(40), true);
        assertEquals(4, r.impactPoints());
        assertEquals(Risk.MEDIUM, r.risk());
    }

    @Test
    void unknownAndMissingAnswersAreNamed() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> assessor.assess(Map.of("customerFacing", true, "weather", true), Set.of(), true));
        String detail = e.getMessage();
        assertEquals("2 fields are invalid", detail);
        assertEquals(Risk.LOW, assessor.assess(Map.of(), Set.of(), false).risk(), "emergency assessment needs no answers");
    }
}
