package dev.itsm.monitoring.rule;

import dev.itsm.monitoring.intake.NormalizedAlert;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What classifies an alert no rule matches: the CI from label {@code ci}, else label {@code instance} without its
 * {@code :port}; default severities; the fingerprint as dedup key; auto-resolve; PT5M flap window; an incident.
 */
final class DefaultRule {

    static final String NAME = "default";
    static final Duration FLAP_WINDOW = Duration.ofMinutes(5);
    private static final Pattern PORT = Pattern.compile(":\\d+$");

    private DefaultRule() {
    }

    static Classification classify(NormalizedAlert alert) {
        String severity = severityOf(alert, "severity");
        Severities.ImpactUrgency iu = Severities.lookup(Severities.DEFAULTS, severity);
        return new Classification(null, null, NAME, DedupKeys.of(alert), severity, iu.impact(), iu.urgency(),
                ci(alert), null, true, FLAP_WINDOW, true);
    }

    static CiRef ci(NormalizedAlert alert) {
        String ci = alert.labels().get("ci");
        if (ci != null && !ci.isBlank()) {
            return CiRefs.of(ci);
        }
        String instance = alert.labels().get("instance");
        if (instance != null && !instance.isBlank()) {
            String host = PORT.matcher(instance.trim()).replaceFirst("");
            return host.isEmpty() ? CiRef.NONE : CiRefs.of(host);
        }
        return CiRef.NONE;
    }

    /** labels[severityLabel] when the rule reads another label, else the alert's severity; lower-case, default warning. */
    static String severityOf(NormalizedAlert alert, String severityLabel) {
        String s = "severity".equals(severityLabel) && alert.severity() != null
                ? alert.severity() : alert.labels().get(severityLabel);
        if (s == null || s.isBlank()) {
            s = alert.severity();
        }
        return s == null || s.isBlank() ? Severities.DEFAULT_SEVERITY : s.trim().toLowerCase(Locale.ROOT);
    }
}
