package dev.itsm.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriorityMatrixTest {

    /** The same table as application.properties (the industry default). */
    static PriorityMatrix industryDefault() {
        return new PriorityMatrix(Map.of(
                "HIGH", Map.of("HIGH", Priority.P1, "MEDIUM", Priority.P2, "LOW", Priority.P3),
                "MEDIUM", Map.of("HIGH", Priority.P2, "MEDIUM", Priority.P3, "LOW", Priority.P4),
                "LOW", Map.of("HIGH", Priority.P3, "MEDIUM", Priority.P4, "LOW", Priority.P5)));
    }

    @ParameterizedTest(name = "{0} impact × {1} urgency → {2}")
    @CsvSource({
            "HIGH, HIGH, P1", "HIGH, MEDIUM, P2", "HIGH, LOW, P3",
            "MEDIUM, HIGH, P2", "MEDIUM, MEDIUM, P3", "MEDIUM, LOW, P4",
            "LOW, HIGH, P3", "LOW, MEDIUM, P4", "LOW, LOW, P5" })
    void theIndustryDefaultMatrix(Impact impact, Urgency urgency, Priority expected) {
        assertEquals(expected, industryDefault().priorityOf(impact, urgency));
    }

    @Test
    void theMatrixIsConfigurationNotCode() {
        PriorityMatrix everythingUrgent = new PriorityMatrix(Map.of(
                "high", Map.of("high", Priority.P1, "medium", Priority.P1, "low", Priority.P1),
                "medium", Map.of("high", Priority.P1, "medium", Priority.P1, "low", Priority.P1),
                "low", Map.of("high", Priority.P1, "medium", Priority.P1, "low", Priority.P2)));
        assertEquals(Priority.P1, everythingUrgent.priorityOf(Impact.LOW, Urgency.MEDIUM));
        assertEquals(Priority.P2, everythingUrgent.priorityOf(Impact.LOW, Urgency.LOW));
    }

    @Test
    void anIncompleteMatrixIsRefusedNamingTheMissingCells() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PriorityMatrix(Map.of(
                "HIGH", Map.of("HIGH", Priority.P1, "MEDIUM", Priority.P2, "LOW", Priority.P3),
                "MEDIUM", Map.of("HIGH", Priority.P2, "MEDIUM", Priority.P3))));
        assertTrue(e.getMessage().contains("MEDIUM.LOW") && e.getMessage().contains("LOW.HIGH"), e.getMessage());
    }
}
