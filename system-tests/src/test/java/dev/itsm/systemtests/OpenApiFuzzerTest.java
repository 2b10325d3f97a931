package dev.itsm.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fuzzer's coverage, checked on the merged document the client is generated from (shipped in
 * the api-client jar) without starting the suite: every parameter meets the edge values, and the
 * number of requests stays bounded.
 */
class OpenApiFuzzerTest {

    static JsonNode document;
    static OpenApiFuzzer fuzzer;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = OpenApiFuzzerTest.class.getResourceAsStream("/dev/itsm/client/itsm-openapi.json")) {
            assertNotNull(in, "api-client ships the merged document");
            document = OpenApiFuzzer.JSON.readTree(in);
        }
        fuzzer = new OpenApiFuzzer(document, Map.of());
    }

    @Test
    void everyQueryParameterOfEveryOperationMeetsEmptyTokensSeparatorsWhitespaceNulHugeNegativeUnicodeAndLongValues() {
        List<String> missing = new ArrayList<>();
        int parameters = 0;
        for (OpenApiFuzzer.Operation op : fuzzer.operations()) {
            List<OpenApiFuzzer.Case> cases = fuzzer.cases(op);
            for (JsonNode p : op.op().path("parameters")) {
                String name = p.path("name").asText();
                String in = p.path("in").asText();
                Set<String> sent = new HashSet<>();
                for (OpenApiFuzzer.Case c : cases) {
                    if (in.equals("query") && c.query().containsKey(name) && c.query().size() == 1) {
                        sent.add(c.query().get(name));
                    } else if (in.equals("header") && c.headers().containsKey(name)) {
                        sent.add(c.headers().get(name));
                    }
                }
                List<String> expected = switch (in) {
                    case "query" -> name.equals("sort")
                            ? concat(OpenApiFuzzer.EDGE_VALUES, OpenApiFuzzer.SORT_EDGE_VALUES)
                            : OpenApiFuzzer.EDGE_VALUES;
                    case "header" -> OpenApiFuzzer.HEADER_EDGE_VALUES;
                    default -> List.of();
                };
                parameters++;
                for (String value : expected) {
                    if (!sent.contains(value)) {
                        missing.add(op.id() + " " + in + ":" + name + " never gets " + OpenApiFuzzer.abbreviateForLog(value));
                    }
                }
            }
        }
        assertTrue(parameters > 100, "the merged document has the services' parameters: " + parameters);
        assertEquals(List.of(), missing.stream().limit(20).toList(), missing.size() + " edge values not generated");
    }

    @Test
    void theMergedDocumentHasEveryServiceIncludingWebhooks() {
        assertEquals(List.of(), fuzzer.servicesMissing(), "services missing from api-client's merged document");
    }

    /**
     * Issue #19: problem-service's operations are in the merged document, so the fuzzer and the auth
     * matrix (both driven by it) cover them, the commands reserved to the problem manager included.
     * Path parameters are compared by position, whatever they are called.
     */
    @Test
    void theMergedDocumentHasTheProblemOperationsCandidatesAndKnownErrorsIncluded() {
        Set<String> operations = new HashSet<>();
        for (OpenApiFuzzer.Operation op : fuzzer.operations()) {
            operations.add(op.method().toUpperCase() + " " + op.template().replaceAll("\\{[^}]+}", "{}"));
        }
        List<String> expected = List.of("POST /api/v1/problems", "GET /api/v1/problems", "GET /api/v1/problems/{}",
                "PATCH /api/v1/problems/{}", "GET /api/v1/problems/{}/history",
                "POST /api/v1/problems/{}/start-analysis", "POST /api/v1/problems/{}/record-root-cause",
                "POST /api/v1/problems/{}/publish-known-error", "POST /api/v1/problems/{}/propose-fix",
                "POST /api/v1/problems/{}/resolve", "POST /api/v1/problems/{}/reopen", "POST /api/v1/problems/{}/close",
                "POST /api/v1/problems/{}/cancel", "GET /api/v1/problems/{}/incidents", "POST /api/v1/problems/{}/incidents",
                "DELETE /api/v1/problems/{}/incidents/{}", "GET /api/v1/problems/{}/changes",
                "POST /api/v1/problems/{}/changes", "GET /api/v1/problems/known-errors",
                "GET /api/v1/problems/known-errors/{}", "GET /api/v1/problems/candidates",
                "GET /api/v1/problems/candidates/{}", "POST /api/v1/problems/candidates/{}/accept",
                "POST /api/v1/problems/candidates/{}/dismiss");
        assertEquals(List.of(), expected.stream().filter(o -> !operations.contains(o)).toList(),
                "problem operations missing from api-client's merged document");
    }

    /**
     * Issue #18: request-service's operations (requests and their commands, grants, the fulfilment queue and task
     * commands) and the catalogue's consumer side (request forms, consumer organisations and their people, service
     * relationships) are in the merged document, so the fuzzer and the auth matrix cover them.
     */
    @Test
    void theMergedDocumentHasTheRequestOperationsAndTheCatalogueConsumerSide() {
        Set<String> operations = new HashSet<>();
        for (OpenApiFuzzer.Operation op : fuzzer.operations()) {
            operations.add(op.method().toUpperCase() + " " + op.template().replaceAll("\\{[^}]+}", "{}"));
        }
        List<String> expected = List.of("POST /api/v1/requests", "GET /api/v1/requests", "GET /api/v1/requests/{}",
                "GET /api/v1/requests/{}/history", "POST /api/v1/requests/{}/approve", "POST /api/v1/requests/{}/reject",
                "POST /api/v1/requests/{}/request-info", "POST /api/v1/requests/{}/provide-info",
                "POST /api/v1/requests/{}/cancel", "POST /api/v1/requests/{}/close", "GET /api/v1/requests/{}/grants",
                "POST /api/v1/requests/{}/grants/{}/revoke", "GET /api/v1/requests/grants", "GET /api/v1/requests/tasks",
                "GET /api/v1/requests/tasks/{}", "POST /api/v1/requests/tasks/{}/start",
                "POST /api/v1/requests/tasks/{}/complete", "POST /api/v1/requests/tasks/{}/fail",
                "POST /api/v1/requests/tasks/{}/retry",
                "GET /api/v1/catalog/offerings/{}/form",
                "POST /api/v1/catalog/consumer-organisations", "GET /api/v1/catalog/consumer-organisations",
                "GET /api/v1/catalog/consumer-organisations/{}", "PATCH /api/v1/catalog/consumer-organisations/{}",
                "POST /api/v1/catalog/consumer-organisations/{}/deactivate",
                "POST /api/v1/catalog/consumer-organisations/{}/activate",
                "GET /api/v1/catalog/consumer-organisations/{}/people",
                "PUT /api/v1/catalog/consumer-organisations/{}/people/{}",
                "DELETE /api/v1/catalog/consumer-organisations/{}/people/{}",
                "POST /api/v1/catalog/service-relationships", "GET /api/v1/catalog/service-relationships",
                "GET /api/v1/catalog/service-relationships/{}", "PATCH /api/v1/catalog/service-relationships/{}",
                "POST /api/v1/catalog/service-relationships/{}/terminate");
        assertEquals(List.of(), expected.stream().filter(o -> !operations.contains(o)).toList(),
                "issue #18 operations missing from api-client's merged document");
    }

    /**
     * Issue #20: monitoring-service's operations (the Alertmanager webhook and the generic intake, alert rules with
     * their versions, alerts and their commands, alert groups, the intake's admin view) and the other services' side
     * of it (change-service's suspect alerts; incident-service's {@code source} and {@code alertGroupId} filters) are
     * in the merged document, so the fuzzer and the auth matrix cover them — the intake open to the event-source role
     * and so refused to the reader's token the auth matrix sends.
     */
    @Test
    void theMergedDocumentHasTheMonitoringOperationsSuspectAlertsAndTheIncidentSourceFilters() {
        Set<String> operations = new HashSet<>();
        for (OpenApiFuzzer.Operation op : fuzzer.operations()) {
            operations.add(op.method().toUpperCase() + " " + op.template().replaceAll("\\{[^}]+}", "{}"));
        }
        List<String> expected = List.of("POST /api/v1/monitoring/alertmanager", "POST /api/v1/monitoring/events",
                "POST /api/v1/monitoring/rules", "GET /api/v1/monitoring/rules", "GET /api/v1/monitoring/rules/{}",
                "PUT /api/v1/monitoring/rules/{}", "PATCH /api/v1/monitoring/rules/{}", "DELETE /api/v1/monitoring/rules/{}",
                "GET /api/v1/monitoring/rules/{}/versions", "GET /api/v1/monitoring/alerts",
                "GET /api/v1/monitoring/alerts/{}", "POST /api/v1/monitoring/alerts/{}/acknowledge",
                "POST /api/v1/monitoring/alerts/{}/suppress", "POST /api/v1/monitoring/alerts/{}/unsuppress",
                "GET /api/v1/monitoring/alert-groups", "GET /api/v1/monitoring/alert-groups/{}",
                "GET /api/v1/monitoring/alert-groups/{}/alerts", "GET /api/v1/monitoring/admin/intake",
                "GET /api/v1/changes/{}/suspect-alerts");
        assertEquals(List.of(), expected.stream().filter(o -> !operations.contains(o)).toList(),
                "issue #20 operations missing from api-client's merged document");
        Set<String> incidentListParameters = new HashSet<>();
        fuzzer.operations().stream().filter(op -> op.method().equals("get") && op.template().equals("/api/v1/incidents"))
                .forEach(op -> op.op().path("parameters").forEach(p -> incidentListParameters.add(p.path("name").asText())));
        assertTrue(incidentListParameters.containsAll(List.of("source", "alertGroupId")),
                "GET /api/v1/incidents filters by source and alertGroupId: " + incidentListParameters);
        for (OpenApiFuzzer.Operation op : fuzzer.operations()) {
            if (op.method().equals("post") && List.of("/api/v1/monitoring/alertmanager", "/api/v1/monitoring/events")
                    .contains(op.template())) {
                assertEquals("itsm-reader", HostileInputTest.lackingTheRole(op, "itsm-reader", "none"),
                        op.id() + ": the auth matrix sends a reader's token, which the intake must refuse");
                assertTrue(op.op().path("security").toString().contains("itsm-event-source"),
                        op.id() + " is open to the event-source role: " + op.op().path("security"));
            }
        }
    }

    @Test
    void theCommonEdgeValuesIncludeWhatBrokeTheSortParser() {
        for (String value : List.of(",", ",,", "", " ", "\u0000", "-1", "99999999999999999999999999", "x".repeat(5000))) {
            assertTrue(OpenApiFuzzer.EDGE_VALUES.contains(value), "edge value " + OpenApiFuzzer.abbreviateForLog(value));
        }
        assertTrue(OpenApiFuzzer.EDGE_VALUES.stream().anyMatch(v -> v.codePoints().anyMatch(c -> c > 0xFFFF)),
                "a character outside the BMP");
    }

    @Test
    void everyPathParameterMeetsSeparatorsWhitespaceNulAndOutOfRangeIds() {
        List<String> missing = new ArrayList<>();
        for (OpenApiFuzzer.Operation op : fuzzer.operations()) {
            if (!op.template().contains("{")) {
                continue;
            }
            Set<String> paths = new HashSet<>();
            fuzzer.cases(op).forEach(c -> paths.add(c.path()));
            for (String value : OpenApiFuzzer.PATH_EDGE_VALUES) {
                if (!paths.contains(op.template().replaceAll("\\{[^}]+}", value))) {
                    missing.add(op.id() + " never gets the path value " + OpenApiFuzzer.abbreviateForLog(value));
                }
            }
        }
        assertEquals(List.of(), missing.stream().limit(20).toList(), missing.size() + " path edge values not generated");
    }

    @Test
    void theWholeRunIsBoundedForTwoSharedCores() {
        int planned = fuzzer.operations().stream().mapToInt(op -> fuzzer.cases(op).size()).sum();
        System.out.println("fuzz plan: " + planned + " requests");
        assertTrue(planned <= HostileInputTest.MAX_FUZZ_REQUESTS, planned + " requests planned");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
