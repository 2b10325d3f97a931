package dev.itsm.monitoring.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Alertmanager's webhook payload (version 4) as Alertmanager sends it. A tolerant reader: unknown fields are
 * ignored, since Alertmanager adds fields over releases; only what the alerts need is checked.
 */
final class AlertmanagerPayloads {

    /** Go's zero time: Alertmanager's {@code endsAt} of an alert that has not ended. */
    static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private AlertmanagerPayloads() {
    }

    /** The payload's top level; problems with it reject the whole request (422), nothing per alert. */
    static JsonNode alertsOf(JsonNode body, int maxAlerts) {
        if (!body.isObject()) {
            throw invalid("", "must be an Alertmanager webhook payload (a JSON object)");
        }
        JsonNode alerts = body.get("alerts");
        if (alerts != null && alerts.isArray() && alerts.size() > maxAlerts) {
            throw IntakeProblems.tooManyAlerts(alerts.size(), maxAlerts);
        }
        JsonNode version = body.get("version");
        if (version == null || !version.isTextual() || !"4".equals(version.textValue())) {
            throw invalid("/version", "must be \"4\" (the Alertmanager webhook payload version this endpoint reads)");
        }
        if (alerts == null || !alerts.isArray()) {
            throw invalid("/alerts", "must be an array");
        }
        return alerts;
    }

    static ParsedAlerts parse(JsonNode body, int maxAlerts, Instant receivedAt) {
        JsonNode alerts = alertsOf(body, maxAlerts);
        String receiver = body.path("receiver").isTextual() ? body.path("receiver").textValue() : null;
        ParsedAlerts parsed = new ParsedAlerts(AlertSource.ALERTMANAGER, alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            alert(alerts.get(i), i, receiver, receivedAt, parsed);
        }
        return parsed;
    }

    private static void alert(JsonNode a, int i, String receiver, Instant receivedAt, ParsedAlerts parsed) {
        String at = "/alerts/" + i;
        AlertErrors errors = new AlertErrors();
        if (!a.isObject()) {
            errors.add(at, "must be an object");
            parsed.reject(i, null, errors);
            return;
        }
        String fingerprint = errors.optionalText(a, "fingerprint", at + "/fingerprint", AlertErrors.MAX_FINGERPRINT);
        AlertStatus status = null;
        String s = errors.requiredText(a, "status", at + "/status", 20);
        if (s != null) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "firing" -> status = AlertStatus.FIRING;
                case "resolved" -> status = AlertStatus.RESOLVED;
                default -> errors.add(at + "/status", "must be firing or resolved");
            }
        }
        JsonNode labelsNode = a.get("labels");
        Map<String, String> labels = Map.of();
        if (labelsNode == null || labelsNode.isNull()) {
            errors.add(at + "/labels/alertname", "is required");
        } else {
            labels = errors.labels(a, "labels", at + "/labels");
            JsonNode alertname = labelsNode.get("alertname");
            if (labelsNode.isObject() && (alertname == null || alertname.isNull()
                    || alertname.isTextual() && alertname.textValue().isBlank())) {
                errors.add(at + "/labels/alertname", "is required");
            }
        }
        Map<String, String> annotations = errors.annotations(a, "annotations", at + "/annotations");
        Instant startsAt = errors.timestamp(a, "startsAt", at + "/startsAt", true);
        Instant endsAt = errors.timestamp(a, "endsAt", at + "/endsAt", false);
        String generatorUrl = errors.optionalText(a, "generatorURL", at + "/generatorURL", AlertErrors.MAX_URL);
        if (errors.any()) {
            parsed.reject(i, fingerprint, errors);
            return;
        }
        if (GO_ZERO_TIME.equals(endsAt) || status == AlertStatus.FIRING) {
            // a firing alert has not ended: Alertmanager sends Go's zero time (or its resolve timeout) here
            endsAt = null;
        } else if (endsAt == null) {
            endsAt = receivedAt;
        }
        String severity = labels.get("severity");
        parsed.accepted.add(new NormalizedAlert(AlertSource.ALERTMANAGER, receiver, status,
                fingerprint == null || fingerprint.isBlank() ? null : fingerprint, labels.get("alertname"),
                severity == null || severity.isBlank() ? null : severity.trim().toLowerCase(Locale.ROOT),
                annotations.get("summary"), annotations.get("description"), labels, annotations, startsAt, endsAt,
                generatorUrl == null || generatorUrl.isBlank() ? null : generatorUrl, receivedAt));
    }

    private static ProblemException invalid(String field, String message) {
        return IntakeProblems.invalidPayload(List.of(new Problem.FieldError(field, message)));
    }
}
