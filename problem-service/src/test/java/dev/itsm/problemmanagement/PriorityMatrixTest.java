package dev.itsm.problemmanagement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Impact × urgency → priority from configuration: every cell as configured, an incomplete table refused. */
class PriorityMatrixTest {

    static Map<String, Map<String, Priority>> defaults() {
        Map<String, Map<String, Priority>> t = new HashMap<>();
        t.put("HIGH", Map.of("HIGH", Priority.P1, "MEDIUM", Priority.P2, "LOW", Priority.P3));
        t.put("medium", Map.of("high", Priority.P2, "medium", Priority.P3, "low", Priority.P4));
        t.put("LOW", Map.of("HIGH", Priority.P3, "MEDIUM", Priority.P4, "LOW", Priority.P5));
        return t;
    }

    @Test
    void everyCellIsLookedUpAsConfiguredWhateverTheCase() {
        PriorityMatrix m = new PriorityMatrix(defaults());
        assertEquals(Priority.P1, m.priorityOf(Impact.HIGH, Urgency.HIGH));
        assertEquals(Priority.P3, m.priorityOf(Impact.MEDIUM, Urgency.MEDIUM));
        assertEquals(Priority.P5, m.priorityOf(Impact.LOW, Urgency.LOW));
    }

    @Test
    void anIncompleteMatrixIsRefusedNamingTheMissingCells() {
        Map<String, Map<String, Priority>> t = defaults();
        t.put("LOW", Map.of("HIGH", Priority.P3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PriorityMatrix(t));
        assertTrue(e.getMessage().contains("LOW.MEDIUM") && e.getMessage().contains("problem.priority-matrix"), e.getMessage());
    }
}
