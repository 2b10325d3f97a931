package dev.itsm.monitoring;

import java.util.List;

/** Orders the free-text severities, impacts and urgencies, so a group takes the highest of its alerts. */
public final class Severity {

    private static final List<String> SEVERITIES = List.of("info", "minor", "warning", "major", "critical");
    private static final List<String> LEVELS = List.of("LOW", "MEDIUM", "HIGH");

    private Severity() {
    }

    /** The higher of two severities (unknown values rank lowest; null loses to anything). */
    public static String higherSeverity(String a, String b) {
        return higher(SEVERITIES, a, b);
    }

    /** The higher of two impacts or urgencies (HIGH > MEDIUM > LOW). */
    public static String higherLevel(String a, String b) {
        return higher(LEVELS, a, b);
    }

    private static String higher(List<String> order, String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return order.indexOf(b) > order.indexOf(a) ? b : a;
    }
}
