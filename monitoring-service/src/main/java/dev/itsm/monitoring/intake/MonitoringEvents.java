package dev.itsm.monitoring.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the generic intake: {@code MonitoringEventRequest}s as plain JSON (one or an array), or as the {@code data}
 * of CloudEvents in structured mode (one, or a batch). Each event is checked on its own, so one bad event rejects
 * only itself.
 */
final class MonitoringEvents {

    static final Set<String> SEVERITIES = Set.of("critical", "major", "warning", "minor", "info");
    static final String DEFAULT_SEVERITY = "warning";
    static final int MAX_SUMMARY = 1_024;
    static final int MAX_DESCRIPTION = 8_192;
    static final int MAX_DEDUP_KEY = 200;

    private MonitoringEvents() {
    }

    /** application/json: one event object, or an array of them. */
    static ParsedAlerts parseJson(JsonNode body, int maxAlerts, Instant receivedAt) {
        List<JsonNode> events = elements(body, maxAlerts);
        boolean array = body.isArray();
        ParsedAlerts parsed = new ParsedAlerts(AlertSource.GENERIC, events.size());
        for (int i = 0; i < events.size(); i++) {
            String at = array ? "/" + i : "";
            AlertErrors errors = new AlertErrors();
            JsonNode e = events.get(i);
            if (!e.isObject()) {
                errors.add(at.isEmpty() ? "/" : at, "must be a MonitoringEventRequest object");
                parsed.reject(i, null, errors);
                continue;
            }
            event(e, at, i, AlertSource.GENERIC, null, null, null, receivedAt, errors, parsed);
        }
        return parsed;
    }

    /** application/cloudevents+json (one) or application/cloudevents-batch+json (an array). */
    static ParsedAlerts parseCloudEvents(JsonNode body, boolean batch, int maxAlerts, Instant receivedAt) {
        if (batch && !body.isArray()) {
            throw IntakeProblems.invalidPayload(List.of(new dev.itsm.platform.problem.Problem.FieldError("",
                    "a CloudEvents batch must be a JSON array")));
        }
        if (!batch && !body.isObject()) {
            throw IntakeProblems.invalidPayload(List.of(new dev.itsm.platform.problem.Problem.FieldError("",
                    "a CloudEvent in structured mode must be a JSON object")));
        }
        List<JsonNode> events = elements(body, maxAlerts);
        ParsedAlerts parsed = new ParsedAlerts(AlertSource.CLOUDEVENTS, events.size());
        for (int i = 0; i < events.size(); i++) {
            String at = batch ? "/" + i : "";
            AlertErrors errors = new AlertErrors();
            JsonNode ce = events.get(i);
            if (!ce.isObject()) {
                errors.add(at.isEmpty() ? "/" : at, "must be a CloudEvent object");
                parsed.reject(i, null, errors);
                continue;
            }
            String specversion = errors.requiredText(ce, "specversion", at + "/specversion", 10);
            if (specversion != null && !"1.0".equals(specversion)) {
                errors.add(at + "/specversion", "must be 1.0");
            }
            errors.requiredText(ce, "id", at + "/id", 200);
            String ceSource = errors.requiredText(ce, "source", at + "/source", 200);
            errors.requiredText(ce, "type", at + "/type", 200);
            String subject = errors.optionalText(ce, "subject", at + "/subject", MAX_DEDUP_KEY);
            Instant time = errors.timestamp(ce, "time", at + "/time", false);
            String contentType = errors.optionalText(ce, "datacontenttype", at + "/datacontenttype", 200);
            if (contentType != null && !contentType.toLowerCase(Locale.ROOT).contains("json")) {
                errors.add(at + "/datacontenttype", "must be application/json (data is a MonitoringEventRequest)");
            }
            JsonNode data = ce.get("data");
            if (data == null || !data.isObject()) {
                errors.add(at + "/data", data == null || data.isNull() ? "is required"
                        : "must be a MonitoringEventRequest object");
                parsed.reject(i, subject, errors);
                continue;
            }
            event(data, at + "/data", i, AlertSource.CLOUDEVENTS, ceSource, subject, time, receivedAt, errors, parsed);
        }
        return parsed;
    }

    private static List<JsonNode> elements(JsonNode body, int maxAlerts) {
        if (body.isArray()) {
            if (body.size() > maxAlerts) {
                throw IntakeProblems.tooManyAlerts(body.size(), maxAlerts);
            }
            List<JsonNode> list = new java.util.ArrayList<>(body.size());
            body.forEach(list::add);
            return list;
        }
        return List.of(body);
    }

    private static void event(JsonNode e, String at, int index, AlertSource source, String defaultSource,
            String defaultDedupKey, Instant defaultOccurredAt, Instant receivedAt, AlertErrors errors,
            ParsedAlerts parsed) {
        String dedupKey = errors.optionalText(e, "dedupKey", at + "/dedupKey", MAX_DEDUP_KEY);
        String tool = defaultSource != null && (e.get("source") == null || e.get("source").isNull())
                ? defaultSource : errors.requiredText(e, "source", at + "/source", AlertErrors.MAX_NAME);
        AlertStatus status = AlertStatus.FIRING;
        String s = errors.optionalText(e, "status", at + "/status", 20);
        if (s != null) {
            switch (s.toUpperCase(Locale.ROOT)) {
                case "FIRING" -> status = AlertStatus.FIRING;
                case "RESOLVED" -> status = AlertStatus.RESOLVED;
                default -> errors.add(at + "/status", "must be FIRING or RESOLVED");
            }
        }
        String name = errors.requiredText(e, "name", at + "/name", AlertErrors.MAX_NAME);
        String severity = errors.optionalText(e, "severity", at + "/severity", 20);
        if (severity != null) {
            severity = severity.trim().toLowerCase(Locale.ROOT);
            if (!SEVERITIES.contains(severity)) {
                errors.add(at + "/severity", "must be one of critical, major, warning, minor, info");
            }
        } else {
            severity = DEFAULT_SEVERITY;
        }
        String summary = errors.optionalText(e, "summary", at + "/summary", MAX_SUMMARY);
        String description = errors.optionalText(e, "description", at + "/description", MAX_DESCRIPTION);
        String ci = errors.optionalText(e, "ci", at + "/ci", AlertErrors.MAX_NAME);
        String service = errors.optionalText(e, "service", at + "/service", 36);
        if (service != null) {
            try {
                service = UUID.fromString(service).toString();
            } catch (IllegalArgumentException notUuid) {
                errors.add(at + "/service", "must be a service id (UUID)");
            }
        }
        Map<String, String> given = errors.labels(e, "labels", at + "/labels");
        Instant occurredAt = errors.timestamp(e, "occurredAt", at + "/occurredAt", false);
        String fingerprint = dedupKey != null && !dedupKey.isBlank() ? dedupKey : defaultDedupKey;
        if (errors.any()) {
            parsed.reject(index, fingerprint, errors);
            return;
        }
        // the fields become labels too, so rules match generic events and Alertmanager alerts alike
        Map<String, String> labels = new LinkedHashMap<>(given);
        labels.putIfAbsent("alertname", name);
        labels.putIfAbsent("severity", severity);
        if (ci != null && !ci.isBlank()) {
            labels.putIfAbsent("ci", ci);
        }
        if (service != null) {
            labels.putIfAbsent("service", service);
        }
        labels.putIfAbsent("source", tool);
        if (labels.size() > AlertErrors.MAX_LABELS) {
            errors.add(at + "/labels", "must have at most " + AlertErrors.MAX_LABELS
                    + " entries, counting alertname, severity, ci, service and source");
            parsed.reject(index, fingerprint, errors);
            return;
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        if (summary != null) {
            annotations.put("summary", summary);
        }
        if (description != null) {
            annotations.put("description", description);
        }
        Instant startsAt = occurredAt != null ? occurredAt : defaultOccurredAt != null ? defaultOccurredAt : receivedAt;
        // a RESOLVED event says when it cleared, not when it began: that instant is its end
        Instant endsAt = status == AlertStatus.RESOLVED ? startsAt : null;
        parsed.accepted.add(new NormalizedAlert(source, tool, status, fingerprint == null || fingerprint.isBlank()
                ? null : fingerprint, name, severity, summary, description, labels, annotations, startsAt, endsAt,
                null, receivedAt));
    }
}
