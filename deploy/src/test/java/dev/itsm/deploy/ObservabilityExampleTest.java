package dev.itsm.deploy;

import static dev.itsm.deploy.ManifestsTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Prometheus + Alertmanager example in {@code deploy/observability/}: it scrapes every component,
 * loads the suite's own alert rules, and Alertmanager posts them back into the suite — to
 * monitoring-service's Alertmanager intake behind the gateway, with an {@code itsm-event-source}
 * bearer token. The rules may only name metrics the code really exposes (checked by name against
 * the sources: a renamed metric would leave an alert that never fires).
 */
class ObservabilityExampleTest {

    static final Path OBSERVABILITY = ManifestsTest.DEPLOY.resolve("observability");
    /** Metrics the suite does not define itself: Prometheus' own per-target health. */
    static final Set<String> PROMETHEUS_OWN = Set.of("up");
    /** The severities monitoring-service maps to impact and urgency by default. */
    static final Set<String> SEVERITIES = Set.of("critical", "major", "warning", "minor", "info");
    static final Set<String> PROMQL_KEYWORDS = Set.of("by", "without", "and", "or", "unless", "on", "ignoring",
            "group_left", "group_right", "bool", "offset");

    static Map<String, Object> prometheus;
    static Map<String, Object> rules;
    static Map<String, Object> alertmanager;

    @BeforeAll
    static void load() throws IOException {
        prometheus = yaml("prometheus.yml");
        rules = yaml("alert-rules.yml");
        alertmanager = yaml("alertmanager.yml");
    }

    static Map<String, Object> yaml(String file) throws IOException {
        Map<String, Object> doc = new Yaml().load(Files.readString(OBSERVABILITY.resolve(file)));
        assertNotNull(doc, file + " is a YAML document");
        return doc;
    }

    @Test
    void prometheusScrapesEveryComponentWithItsServiceLabelAndLoadsTheRules() {
        List<Map<String, Object>> jobs = at(prometheus, "scrape_configs");
        Map<String, Object> local = jobs.stream().filter(j -> "itsm-local".equals(j.get("job_name"))).findFirst().orElseThrow();
        assertEquals("/q/metrics", local.get("metrics_path"));
        List<Map<String, Object>> targets = at(local, "static_configs");
        for (Component c : Component.ALL) {
            Map<String, Object> target = targets.stream()
                    .filter(t -> ((List<?>) t.get("targets")).contains("localhost:" + c.port())).findFirst()
                    .orElseThrow(() -> new AssertionError("itsm-local scrapes " + c.name() + " on :" + c.port()));
            assertEquals(c.name(), at(target, "labels", "service"), "the service label of :" + c.port());
        }
        List<String> ruleFiles = at(prometheus, "rule_files");
        assertEquals(List.of("alert-rules.yml"), ruleFiles);
        List<Map<String, Object>> managers = at(prometheus, "alerting", "alertmanagers");
        assertFalse(managers.isEmpty(), "alerts go to an Alertmanager");
    }

    @Test
    void everyRuleHasASeverityMonitoringServiceKnowsAndNamesItsCi() {
        List<Map<String, Object>> all = alertRules();
        assertTrue(all.size() >= 6, "outbox, consumer, SLA and component rules");
        for (Map<String, Object> rule : all) {
            String name = (String) rule.get("alert");
            assertNotNull(rule.get("expr"), name + " has an expression");
            assertTrue(SEVERITIES.contains(at(rule, "labels", "severity")), name + " severity " + at(rule, "labels", "severity"));
            assertNotNull(at(rule, "labels", "ci"), name + " names its CI (monitoring-service's default rule reads label ci)");
            assertNotNull(at(rule, "annotations", "summary"), name + " has a summary (the alert's and incident's title)");
        }
        Set<String> names = all.stream().map(r -> (String) r.get("alert")).collect(Collectors.toSet());
        for (String expected : List.of("ItsmOutboxLagging", "ItsmConsumerLagging", "ItsmConsumerPartitionBlocked",
                "ItsmSlaBreached", "ItsmComponentDown")) {
            assertTrue(names.contains(expected), "rule " + expected);
        }
    }

    /** Grep-level: each {@code itsm_…} metric of a rule is registered in some module's code under its dotted name. */
    @Test
    void everyMetricTheRulesNameExistsInTheCode() throws IOException {
        String code = mainSources();
        Set<String> metrics = new TreeSet<>();
        for (Map<String, Object> rule : alertRules()) {
            metrics.addAll(metricNames((String) rule.get("expr")));
        }
        assertTrue(metrics.contains("itsm_outbox_oldest_pending_age_seconds"), "parsed: " + metrics);
        assertTrue(metrics.contains("itsm_sla_timers"), "parsed: " + metrics);
        for (String metric : metrics) {
            if (PROMETHEUS_OWN.contains(metric)) {
                continue;
            }
            assertTrue(metric.startsWith("itsm_"), metric + " is neither the suite's nor Prometheus' own");
            String registered = metric.replaceAll("_(total|count|sum|bucket)$", "").replace('_', '.');
            assertTrue(code.contains("\"" + registered + "\""), metric + " (registered as \"" + registered + "\") is not in the code");
        }
    }

    @Test
    void theMetricParserFindsMetricsButNotFunctionsLabelsOrKeywords() {
        assertEquals(Set.of("itsm_outbox_pending_events", "itsm_outbox_relay_active"), metricNames(
                "max by (service) (itsm_outbox_pending_events) > 0 and sum by (service) (itsm_outbox_relay_active) == 0"));
        assertEquals(Set.of("itsm_consumer_events_total"),
                metricNames("sum by (service) (increase(itsm_consumer_events_total{outcome=\"dead_lettered\"}[10m])) > 0"));
        assertEquals(Set.of("up"), metricNames("up{job=~\"itsm-.*\"} == 0"));
    }

    @Test
    void alertmanagerPostsToMonitoringServiceBehindTheGatewayWithAnEventSourceToken() throws IOException {
        List<Map<String, Object>> receivers = at(alertmanager, "receivers");
        Map<String, Object> itsm = receivers.stream().filter(r -> "itsm".equals(r.get("name"))).findFirst().orElseThrow();
        List<Map<String, Object>> webhooks = at(itsm, "webhook_configs");
        assertEquals(1, webhooks.size());
        Map<String, Object> webhook = webhooks.get(0);
        String url = (String) webhook.get("url");
        assertEquals("http://localhost:" + port("gateway") + "/api/v1/monitoring/alertmanager", url,
                "through the gateway (the only way in), to the Alertmanager intake");
        String gatewayProperties = Files.readString(ManifestsTest.ROOT.resolve("gateway/src/main/resources/application.properties"));
        assertTrue(gatewayProperties.contains("gateway.upstreams.monitoring.prefix=/api/v1/monitoring"), "the gateway routes it");
        assertEquals(Boolean.TRUE, webhook.get("send_resolved"), "resolved alerts resolve the incident");
        assertTrue(((Integer) webhook.get("max_alerts")) <= 1000, "within monitoring-service's 1,000 alerts per webhook");
        assertEquals("Bearer", at(webhook, "http_config", "authorization", "type"));
        String file = at(webhook, "http_config", "authorization", "credentials_file");
        assertNotNull(file, "the token is read from a file, never inline");
        assertTrue(Path.of(file).isAbsolute(), "an absolute path: " + file);
        String text = Files.readString(OBSERVABILITY.resolve("alertmanager.yml"));
        assertTrue(text.contains("itsm-event-source"), "the receiver's token is of role itsm-event-source");
        assertTrue(LocalStack.ALL_ROLES.contains("itsm-event-source"), "./itsm token itsm-event-source signs one");
    }

    @Test
    void everyAlertmanagerRouteNamesAReceiverThatExists() {
        Set<String> receivers = ((List<Map<String, Object>>) at(alertmanager, "receivers")).stream()
                .map(r -> (String) r.get("name")).collect(Collectors.toSet());
        List<Map<String, Object>> routes = new ArrayList<>();
        routes.add(at(alertmanager, "route"));
        for (int i = 0; i < routes.size(); i++) {
            Map<String, Object> route = routes.get(i);
            if (route.get("receiver") != null) {
                assertTrue(receivers.contains(route.get("receiver")), "receiver " + route.get("receiver"));
            }
            List<Map<String, Object>> children = at(route, "routes");
            if (children != null) {
                routes.addAll(children);
            }
        }
        assertEquals("itsm", at(alertmanager, "route", "receiver"));
    }

    // ------------------------------------------------------------------ helpers

    static List<Map<String, Object>> alertRules() {
        List<Map<String, Object>> groups = at(rules, "groups");
        return groups.stream().flatMap(g -> ((List<Map<String, Object>>) g.get("rules")).stream())
                .filter(r -> r.get("alert") != null).toList();
    }

    /**
     * The metric names of a PromQL expression: what is left after dropping strings, label matchers,
     * ranges, {@code by (…)}/{@code without (…)} clauses, function names (followed by "("), keywords and numbers.
     */
    static Set<String> metricNames(String expr) {
        String rest = expr.replaceAll("\"[^\"]*\"", "\"\"")
                .replaceAll("\\{[^}]*\\}", " ")
                .replaceAll("\\[[^\\]]*\\]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\s*\\()?").matcher(rest);
        while (m.find()) {
            String token = m.group().replaceAll("[\\s(]", "");
            boolean function = m.group(1) != null;
            if (!function && !PROMQL_KEYWORDS.contains(token)) {
                names.add(token);
            }
        }
        return names;
    }

    /** Every module's main Java sources, concatenated (the metrics are registered there by name). */
    static String mainSources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> modules = Files.list(ManifestsTest.ROOT)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                Path java = module.resolve("src/main/java");
                if (!Files.isDirectory(java)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(java)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        all.append(Files.readString(f)).append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    static int port(String component) {
        return Component.ALL.stream().filter(c -> c.name().equals(component)).findFirst().orElseThrow().port();
    }
}
