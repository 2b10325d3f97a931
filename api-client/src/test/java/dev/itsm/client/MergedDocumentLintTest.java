package dev.itsm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.testing.OpenApiLint;

/**
 * The merged document the client was generated from — the one the gateway serves at
 * {@code /openapi} — follows docs/API-VOCABULARY.md as a whole: each service's own contract test
 * lints its document, this one catches what only the merge shows (an operationId used by two
 * services, a schema renamed because two services define it differently).
 */
class MergedDocumentLintTest {

    static JsonNode mergedDocument() throws Exception {
        try (InputStream in = MergedDocumentLintTest.class.getResourceAsStream("/dev/itsm/client/itsm-openapi.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void theMergedDocumentHasNoContractLintFindings() throws Exception {
        List<String> findings = OpenApiLint.findings(mergedDocument());
        assertEquals(List.of(), findings, findings.size() + " findings:\n" + String.join("\n", findings));
    }

    @Test
    void theMergedDocumentCoversEveryService() throws Exception {
        JsonNode paths = mergedDocument().path("paths");
        for (String prefix : List.of("/api/v1/catalog/", "/api/v1/changes", "/api/v1/incidents", "/api/v1/sla/",
                "/api/v1/webhooks/", "/api/v1/problems", "/api/v1/requests", "/api/v1/monitoring/")) {
            List<String> names = new ArrayList<>();
            paths.fieldNames().forEachRemaining(names::add);
            assertTrue(names.stream().anyMatch(p -> p.startsWith(prefix)), prefix + " in " + names.size() + " paths");
        }
    }
}
