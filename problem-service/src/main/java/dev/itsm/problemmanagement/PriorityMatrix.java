package dev.itsm.problemmanagement;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Impact × urgency → priority, built from configuration ({@code problem.priority-matrix.<IMPACT>.<URGENCY>}).
 * Every one of the nine cells must be configured; the constructor refuses an incomplete table.
 */
public final class PriorityMatrix {

    private final Map<Impact, Map<Urgency, Priority>> cells = new EnumMap<>(Impact.class);

    /** @param table impact name → urgency name → priority (names case-insensitive) */
    public PriorityMatrix(Map<String, ? extends Map<String, Priority>> table) {
        List<String> missing = new ArrayList<>();
        for (Impact impact : Impact.values()) {
            Map<Urgency, Priority> row = new EnumMap<>(Urgency.class);
            Map<String, Priority> configured = lookup(table, impact.name());
            for (Urgency urgency : Urgency.values()) {
                Priority p = configured == null ? null : lookup(configured, urgency.name());
                if (p == null) {
                    missing.add(impact + "." + urgency);
                } else {
                    row.put(urgency, p);
                }
            }
            cells.put(impact, row);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("problem.priority-matrix is incomplete; missing " + missing);
        }
    }

    public Priority priorityOf(Impact impact, Urgency urgency) {
        return cells.get(impact).get(urgency);
    }

    private static <V> V lookup(Map<String, ? extends V> map, String name) {
        for (Map.Entry<String, ? extends V> e : map.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
