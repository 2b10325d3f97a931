package dev.itsm.systemtests;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Webhook bodies exactly as Prometheus Alertmanager POSTs them to a {@code webhook_config} receiver (payload
 * {@code version "4"}): the group's {@code receiver}, {@code status}, {@code groupLabels}, {@code commonLabels},
 * {@code commonAnnotations}, {@code externalURL}, {@code groupKey} and {@code truncatedAlerts}, and per alert its
 * {@code status}, {@code labels}, {@code annotations}, {@code startsAt}, {@code endsAt} ({@code 0001-01-01T00:00:00Z}
 * while firing: Go's zero time), {@code generatorURL} and {@code fingerprint} — computed as Alertmanager does (FNV-1a
 * 64 over the sorted label names and values, each followed by the separator byte 0xff, printed as 16 hex digits), so
 * a repeat of an alert carries the same fingerprint, as it does when Alertmanager re-sends a group.
 */
final class Alertmanager {

    /** Go's zero {@code time.Time} as Alertmanager marshals a firing alert's {@code endsAt}. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";
    static final String RECEIVER = "itsm";
    static final String EXTERNAL_URL = "http://alertmanager.monitoring.svc:9093";

    /** One alert of a Prometheus alerting rule; {@code startsAt} stays the same on every re-send. */
    record Alert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt) {

        String fingerprint() {
            return Alertmanager.fingerprint(labels);
        }

        String name() {
            return labels.get("alertname");
        }
    }

    private Alertmanager() {
    }

    static Alert alert(String alertname, String instance, String job, String severity, String summary, Instant startsAt) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("alertname", alertname);
        labels.put("instance", instance);
        labels.put("job", job);
        labels.put("severity", severity);
        Map<String, String> annotations = new TreeMap<>();
        annotations.put("summary", summary);
        annotations.put("description", summary + " (fired by the Prometheus rule " + alertname + ")");
        return new Alert(labels, annotations, startsAt);
    }

    /** The group notification while its alerts fire. */
    static ObjectNode firing(String job, List<Alert> alerts) {
        return webhook(job, alerts, null);
    }

    /** The notification once every alert of the group resolved ({@code send_resolved: true}), at {@code endsAt}. */
    static ObjectNode resolved(String job, List<Alert> alerts, Instant endsAt) {
        return webhook(job, alerts, endsAt);
    }

    private static ObjectNode webhook(String job, List<Alert> alerts, Instant resolvedAt) {
        String status = resolvedAt == null ? "firing" : "resolved";
        ObjectNode body = OpenApiFuzzer.JSON.createObjectNode();
        body.put("receiver", RECEIVER);
        body.put("status", status);
        ArrayNode items = body.putArray("alerts");
        for (Alert a : alerts) {
            ObjectNode item = items.addObject();
            item.put("status", status);
            a.labels().forEach(item.putObject("labels")::put);
            a.annotations().forEach(item.putObject("annotations")::put);
            item.put("startsAt", a.startsAt().toString());
            item.put("endsAt", resolvedAt == null ? ZERO_TIME : resolvedAt.toString());
            item.put("generatorURL", "http://prometheus.monitoring.svc:9090/graph?g0.expr="
                    + URLEncoder.encode(a.name() + "{job=\"" + job + "\"} > 0", StandardCharsets.UTF_8) + "&g0.tab=1");
            item.put("fingerprint", a.fingerprint());
        }
        // route group_by: [job]
        body.putObject("groupLabels").put("job", job);
        common(alerts.stream().map(Alert::labels).toList()).forEach(body.putObject("commonLabels")::put);
        common(alerts.stream().map(Alert::annotations).toList()).forEach(body.putObject("commonAnnotations")::put);
        body.put("externalURL", EXTERNAL_URL);
        body.put("version", "4");
        body.put("groupKey", "{}:{job=\"" + job + "\"}");
        body.put("truncatedAlerts", 0);
        return body;
    }

    /** The pairs every map has (Alertmanager's commonLabels / commonAnnotations). */
    private static Map<String, String> common(List<Map<String, String>> maps) {
        Map<String, String> common = new LinkedHashMap<>(maps.isEmpty() ? Map.of() : new TreeMap<>(maps.get(0)));
        for (Map<String, String> m : maps) {
            common.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
        }
        return common;
    }

    /** prometheus/common {@code model.LabelSet.Fingerprint()}: FNV-1a 64 of the sorted labels, as 16 hex digits. */
    static String fingerprint(Map<String, String> labels) {
        long hash = 0xcbf29ce484222325L; // FNV-1a 64 offset basis
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            hash = add(hash, e.getKey());
            hash = addByte(hash, 0xff);
            hash = add(hash, e.getValue());
            hash = addByte(hash, 0xff);
        }
        return String.format("%016x", hash);
    }

    private static long add(long hash, String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            hash = addByte(hash, b & 0xff);
        }
        return hash;
    }

    private static long addByte(long hash, int b) {
        return (hash ^ b) * 0x100000001b3L; // FNV-1a 64 prime
    }
}
