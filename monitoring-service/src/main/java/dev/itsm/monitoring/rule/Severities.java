package dev.itsm.monitoring.rule;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The severity → impact/urgency map of a rule, with the suite's defaults. */
public final class Severities {

    /** The severity of an alert that names none. */
    public static final String DEFAULT_SEVERITY = "warning";

    /** An unknown severity is treated as ordinary, neither ignored nor escalated. */
    public static final ImpactUrgency UNKNOWN = new ImpactUrgency("MEDIUM", "MEDIUM");

    /** critical→HIGH/HIGH, major→HIGH/MEDIUM, warning→MEDIUM/MEDIUM, minor→LOW/MEDIUM, info→LOW/LOW. */
    public static final Map<String, ImpactUrgency> DEFAULTS = defaults();

    private Severities() {
    }

    /** The impact and urgency of an ITSM record raised for an alert of some severity. */
    public record ImpactUrgency(String impact, String urgency) {
    }

    /** The entry of {@code map} for {@code severity} (case-insensitive), else {@link #UNKNOWN}. */
    public static ImpactUrgency lookup(Map<String, ImpactUrgency> map, String severity) {
        if (severity == null) {
            return UNKNOWN;
        }
        ImpactUrgency found = map.get(severity.toLowerCase(Locale.ROOT));
        return found == null ? UNKNOWN : found;
    }

    private static Map<String, ImpactUrgency> defaults() {
        Map<String, ImpactUrgency> m = new LinkedHashMap<>();
        m.put("critical", new ImpactUrgency("HIGH", "HIGH"));
        m.put("major", new ImpactUrgency("HIGH", "MEDIUM"));
        m.put("warning", new ImpactUrgency("MEDIUM", "MEDIUM"));
        m.put("minor", new ImpactUrgency("LOW", "MEDIUM"));
        m.put("info", new ImpactUrgency("LOW", "LOW"));
        return java.util.Collections.unmodifiableMap(m);
    }
}
