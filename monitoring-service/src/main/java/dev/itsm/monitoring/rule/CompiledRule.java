package dev.itsm.monitoring.rule;

import dev.itsm.monitoring.intake.NormalizedAlert;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** A rule ready to classify: regexes compiled and anchored, template parsed — once per reload, not per alert. */
final class CompiledRule {

    private record Condition(String label, MatcherOp op, String value, Pattern pattern) {

        boolean holds(Map<String, String> labels) {
            // a missing label is the empty string, as in Alertmanager (so label="" matches its absence)
            String actual = labels.getOrDefault(label, "");
            return switch (op) {
                case EQ -> actual.equals(value);
                case NEQ -> !actual.equals(value);
                case REGEX -> pattern.matcher(actual).matches();
                case NOT_REGEX -> !pattern.matcher(actual).matches();
                case EXISTS -> !actual.isEmpty();
                case NOT_EXISTS -> actual.isEmpty();
            };
        }
    }

    final UUID id;
    final long version;
    final RuleDefinition rule;
    private final List<Condition> conditions;
    private final DedupTemplate template;

    CompiledRule(UUID id, long version, RuleDefinition rule) {
        this.id = id;
        this.version = version;
        this.rule = rule;
        this.conditions = rule.matchers().stream().map(m -> new Condition(m.label(), m.op(), m.value(),
                m.op() == MatcherOp.REGEX || m.op() == MatcherOp.NOT_REGEX
                        // Alertmanager anchors its regex matchers: "web" does not match "web-01"
                        ? Pattern.compile("^(?:" + m.value() + ")$") : null)).toList();
        this.template = rule.dedupKeyTemplate() == null ? null : DedupTemplate.parse(rule.dedupKeyTemplate());
    }

    boolean matches(NormalizedAlert alert) {
        for (Condition c : conditions) {
            if (!c.holds(alert.labels())) {
                return false;
            }
        }
        return true;
    }

    Classification classify(NormalizedAlert alert) {
        String severity = DefaultRule.severityOf(alert, rule.severityLabel());
        SeverityMapping m = rule.severities().get(severity);
        String impact = m == null ? Severities.UNKNOWN.impact() : m.impact();
        String urgency = m == null ? Severities.UNKNOWN.urgency() : m.urgency();
        String dedupKey = template == null ? DedupKeys.of(alert) : template.render(alert.labels());
        return new Classification(id, version, rule.name(), dedupKey, severity, impact, urgency, ci(alert),
                rule.serviceId(), rule.autoResolve(), rule.flapWindow(), rule.openIncident());
    }

    private CiRef ci(NormalizedAlert alert) {
        CiSelection ci = rule.ci();
        if (ci == null) {
            return DefaultRule.ci(alert);
        }
        return switch (ci.from()) {
            case FIXED -> CiRefs.of(ci.name());
            case LABEL -> {
                String v = alert.labels().get(ci.label());
                yield v == null || v.isBlank() ? CiRefs.of(ci.defaultCi()) : CiRefs.of(v);
            }
            case LOOKUP -> {
                String v = alert.labels().get(ci.label());
                String found = v == null ? null : ci.table().get(v);
                yield CiRefs.of(found != null ? found : ci.defaultCi());
            }
        };
    }
}
