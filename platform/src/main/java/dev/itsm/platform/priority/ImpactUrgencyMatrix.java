package dev.itsm.platform.priority;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Impact × urgency → priority, built from configuration ({@code <practice>.priority-matrix.<IMPACT>.<URGENCY>}), for
 * every practice that ranks its records this way (incidents, problems). Each practice keeps its own enums — their
 * OpenAPI schemas are named after it ({@code IncidentImpact}, {@code ProblemImpact}) — and its own configuration
 * prefix; the table and its completeness check live here once. Every cell must be configured: the constructor
 * refuses an incomplete table and names the missing cells.
 *
 * @param <I> the practice's impact enum
 * @param <U> the practice's urgency enum
 * @param <P> the practice's priority
 */
public class ImpactUrgencyMatrix<I extends Enum<I>, U extends Enum<U>, P> {

    private final Map<I, Map<U, P>> cells;

    /**
     * @param table     impact name → urgency name → priority (names case-insensitive)
     * @param configKey the configuration prefix, for the message of an incomplete table
     */
    protected ImpactUrgencyMatrix(Class<I> impacts, Class<U> urgencies, Map<String, ? extends Map<String, P>> table,
            String configKey) {
        cells = new EnumMap<>(impacts);
        List<String> missing = new ArrayList<>();
        for (I impact : impacts.getEnumConstants()) {
            Map<U, P> row = new EnumMap<>(urgencies);
            Map<String, P> configured = lookup(table, impact.name());
            for (U urgency : urgencies.getEnumConstants()) {
                P p = configured == null ? null : lookup(configured, urgency.name());
                if (p == null) {
                    missing.add(impact + "." + urgency);
                } else {
                    row.put(urgency, p);
                }
            }
            cells.put(impact, row);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(configKey + " is incomplete; missing " + missing);
        }
    }

    public P priorityOf(I impact, U urgency) {
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
