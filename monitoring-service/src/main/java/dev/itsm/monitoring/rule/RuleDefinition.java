package dev.itsm.monitoring.rule;

import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ProblemException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A rule's editable content with every default applied, checked as a whole: what a request means, and what is
 * stored and compiled. Checks Bean Validation cannot express are a 422 {@code invalid-rule} with a JSON pointer per
 * error (a bad regex at {@code /matchers/2/value}, LOOKUP without a table, a flap window out of range, …).
 */
record RuleDefinition(String name, String description, int position, boolean enabled, List<RuleMatcher> matchers,
        CiSelection ci, java.util.UUID serviceId, String severityLabel, Map<String, SeverityMapping> severities,
        String dedupKeyTemplate, boolean autoResolve, Duration flapWindow, boolean openIncident) {

    static final Duration MAX_FLAP_WINDOW = Duration.ofHours(24);
    static final Set<String> LEVELS = Set.of("HIGH", "MEDIUM", "LOW");
    static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");

    static RuleDefinition of(AlertRuleRequest r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<RuleMatcher> matchers = new ArrayList<>();
        List<RuleMatcher> given = r.matchers() == null ? List.of() : r.matchers();
        for (int i = 0; i < given.size(); i++) {
            RuleMatcher m = given.get(i);
            String at = "/matchers/" + i;
            if (m.label() == null || !LABEL_NAME.matcher(m.label()).matches()) {
                errors.add(new Problem.FieldError(at + "/label", "must be a label name (^[a-zA-Z_][a-zA-Z0-9_]*$)"));
            }
            if (m.op() == null) {
                errors.add(new Problem.FieldError(at + "/op", "is required"));
                continue;
            }
            boolean needsValue = m.op() != MatcherOp.EXISTS && m.op() != MatcherOp.NOT_EXISTS;
            if (needsValue && m.value() == null) {
                errors.add(new Problem.FieldError(at + "/value", "is required for " + m.op()));
            } else if (!needsValue && m.value() != null) {
                errors.add(new Problem.FieldError(at + "/value", "must be absent for " + m.op()));
            } else if (m.op() == MatcherOp.REGEX || m.op() == MatcherOp.NOT_REGEX) {
                try {
                    Pattern.compile(m.value());
                } catch (PatternSyntaxException e) {
                    errors.add(new Problem.FieldError(at + "/value", "is not a valid regular expression: "
                            + e.getDescription()));
                }
            }
            matchers.add(m);
        }
        CiSelection ci = r.ci();
        if (ci != null) {
            if (ci.from() == null) {
                errors.add(new Problem.FieldError("/ci/from", "is required"));
            } else {
                switch (ci.from()) {
                    case LABEL -> requireLabel(ci, errors);
                    case FIXED -> {
                        if (ci.name() == null || ci.name().isBlank()) {
                            errors.add(new Problem.FieldError("/ci/name", "is required for FIXED"));
                        }
                    }
                    case LOOKUP -> {
                        requireLabel(ci, errors);
                        if (ci.table() == null || ci.table().isEmpty()) {
                            errors.add(new Problem.FieldError("/ci/table", "is required for LOOKUP (label value → CI)"));
                        }
                    }
                }
            }
        }
        String severityLabel = r.severityLabel() == null || r.severityLabel().isBlank() ? "severity" : r.severityLabel();
        if (!LABEL_NAME.matcher(severityLabel).matches()) {
            errors.add(new Problem.FieldError("/severityLabel", "must be a label name (^[a-zA-Z_][a-zA-Z0-9_]*$)"));
        }
        Map<String, SeverityMapping> severities = new LinkedHashMap<>();
        Severities.DEFAULTS.forEach((k, v) -> severities.put(k, new SeverityMapping(v.impact(), v.urgency())));
        if (r.severities() != null) {
            r.severities().forEach((severity, m) -> {
                String at = "/severities/" + severity.replace("~", "~0").replace("/", "~1");
                if (severity.isBlank()) {
                    errors.add(new Problem.FieldError(at, "severity must not be blank"));
                } else if (m == null || m.impact() == null || !LEVELS.contains(m.impact())) {
                    errors.add(new Problem.FieldError(at + "/impact", "must be one of HIGH, MEDIUM, LOW"));
                } else if (m.urgency() == null || !LEVELS.contains(m.urgency())) {
                    errors.add(new Problem.FieldError(at + "/urgency", "must be one of HIGH, MEDIUM, LOW"));
                } else {
                    severities.put(severity.toLowerCase(Locale.ROOT), m);
                }
            });
        }
        Duration flap = Duration.ofMinutes(5);
        if (r.flapWindow() != null) {
            try {
                flap = Duration.parse(r.flapWindow());
                if (flap.isNegative() || flap.compareTo(MAX_FLAP_WINDOW) > 0) {
                    errors.add(new Problem.FieldError("/flapWindow", "must be between PT0S and PT24H"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new Problem.FieldError("/flapWindow", "must be an ISO-8601 duration such as PT5M"));
            }
        }
        String template = r.dedupKeyTemplate() == null || r.dedupKeyTemplate().isBlank() ? null : r.dedupKeyTemplate();
        if (template != null && !DedupTemplate.isWellFormed(template)) {
            errors.add(new Problem.FieldError("/dedupKeyTemplate", "placeholders must be {{label}} with a label name"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "invalid-rule", "Invalid alert rule", errors.size() == 1
                    ? errors.get(0).field() + ": " + errors.get(0).message() : errors.size() + " fields are invalid",
                    errors, Map.of());
        }
        return new RuleDefinition(r.name().trim(), r.description(), r.position(), r.enabled() == null || r.enabled(),
                List.copyOf(matchers), ci, r.serviceId(), severityLabel, severities, template,
                r.autoResolve() == null || r.autoResolve(), flap, r.openIncident() == null || r.openIncident());
    }

    private static void requireLabel(CiSelection ci, List<Problem.FieldError> errors) {
        if (ci.label() == null || !LABEL_NAME.matcher(ci.label()).matches()) {
            errors.add(new Problem.FieldError("/ci/label", "is required for " + ci.from() + " (a label name)"));
        }
    }
}
