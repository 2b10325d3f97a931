package dev.itsm.problemmanagement;

import java.util.Map;

import dev.itsm.platform.priority.ImpactUrgencyMatrix;

/**
 * Impact × urgency → priority of problems, from configuration ({@code problem.priority-matrix.<IMPACT>.<URGENCY>}); the
 * table and its completeness check are the platform's (every cell must be configured).
 */
public final class PriorityMatrix extends ImpactUrgencyMatrix<Impact, Urgency, Priority> {

    /** @param table impact name → urgency name → priority (names case-insensitive) */
    public PriorityMatrix(Map<String, ? extends Map<String, Priority>> table) {
        super(Impact.class, Urgency.class, table, "problem.priority-matrix");
    }
}
