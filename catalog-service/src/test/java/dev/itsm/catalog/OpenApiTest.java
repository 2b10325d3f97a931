package dev.itsm.catalog;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The generated OpenAPI document describes every operation: summary, tag, error responses as problem+json, examples. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_catalog"))
class OpenApiTest {

    @Test
    void everyOperationHasASummaryATagAndDocumentedProblemResponses() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        List<String> problems = new ArrayList<>();
        int operations = 0;
        for (var path = doc.get("paths").fields(); path.hasNext();) {
            Map.Entry<String, JsonNode> p = path.next();
            if (!p.getKey().startsWith("/api/v1/catalog")) {
                continue;
            }
            for (var op = p.getValue().fields(); op.hasNext();) {
                Map.Entry<String, JsonNode> o = op.next();
                if (!Set.of("get", "post", "patch", "put", "delete").contains(o.getKey())) {
                    continue;
                }
                operations++;
                String where = o.getKey().toUpperCase() + " " + p.getKey();
                JsonNode operation = o.getValue();
                if (operation.path("summary").asText().isBlank()) {
                    problems.add(where + ": no summary");
                }
                if (!operation.path("tags").isArray() || operation.path("tags").isEmpty()) {
                    problems.add(where + ": no tag");
                }
                JsonNode responses = operation.path("responses");
                for (String code : List.of("401", "403")) {
                    if (!responses.has(code)) {
                        problems.add(where + ": " + code + " not documented");
                    }
                }
                boolean hasOwnError = false;
                for (var r = responses.fields(); r.hasNext();) {
                    Map.Entry<String, JsonNode> resp = r.next();
                    if (resp.getKey().startsWith("4") || resp.getKey().startsWith("5")) {
                        hasOwnError |= !Set.of("401", "403", "500", "503").contains(resp.getKey());
                        if (!resp.getValue().path("content").has("application/problem+json")) {
                            problems.add(where + " " + resp.getKey() + ": not application/problem+json");
                        }
                    }
                }
                if (!hasOwnError) {
                    problems.add(where + ": documents no operation-specific error (400/404/409/412/422)");
                }
                JsonNode body = operation.path("requestBody").path("content");
                if (!body.isMissingNode() && !o.getKey().equals("get")) {
                    boolean example = false;
                    for (var m = body.elements(); m.hasNext();) {
                        JsonNode media = m.next();
                        example |= media.has("examples") || media.has("example");
                    }
                    if (!example) {
                        problems.add(where + ": request body without example");
                    }
                }
            }
        }
        assertEquals(42 + 4, operations, "catalog operations in the document (42 of the catalogue: 27 before #18, the offering "
                + "form, 9 of consumer organisations, 5 of service relationships; 4 of the platform's admin API)");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(doc.at("/components/schemas/Problem").isObject());
        assertFalse(doc.at("/components/securitySchemes/bearer").isMissingNode());
    }

    @Test
    void everyOperationHasAUniqueOperationIdAndEveryListIsATypedPage() throws Exception {
        JsonNode doc = document();
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        forEachCatalogOperation(doc, (where, operation) -> {
            String id = operation.path("operationId").asText();
            if (id.isBlank() || !ids.add(id)) {
                problems.add(where + ": operationId missing or used twice: '" + id + "'");
            }
            for (var r = operation.path("responses").fields(); r.hasNext();) {
                Map.Entry<String, JsonNode> response = r.next();
                JsonNode json = response.getValue().path("content").path("application/json");
                if (response.getKey().startsWith("2") && !json.isMissingNode() && json.path("schema").isEmpty()) {
                    problems.add(where + " " + response.getKey() + ": untyped response");
                }
            }
            boolean paged = false;
            for (JsonNode parameter : operation.path("parameters")) {
                String name = parameter.path("name").asText();
                if (Set.of("page", "size").contains(name)) {
                    paged = true;
                    if (!"integer".equals(parameter.at("/schema/type").asText()) || !parameter.at("/schema/minimum").isNumber()) {
                        problems.add(where + ": " + name + " is not documented as an integer with a minimum");
                    }
                }
                if ((name.endsWith("Id") || name.equals("dependsOn")) && parameter.path("in").asText().equals("query")
                        && !"uuid".equals(parameter.at("/schema/format").asText())) {
                    problems.add(where + ": " + name + " is not documented as a uuid");
                }
            }
            String page = operation.at("/responses/200/content/application~1json/schema/$ref").asText();
            if (paged && where.startsWith("GET") && !where.endsWith("/impact") && !page.endsWith("Page")) {
                problems.add(where + ": a list answers " + page + " instead of a <Noun>Page");
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        JsonNode servicePage = doc.at("/components/schemas/ServicePage/properties");
        assertEquals("#/components/schemas/ServiceView", servicePage.at("/items/items/$ref").asText());
        assertEquals(Set.of("items", "page", "size", "total", "totalExact", "next"), names(servicePage));
    }

    @Test
    void mergePatchBodiesHaveTheirOwnSchemaWithoutRequiredFieldsCoveringWhatThePatchMayChange() throws Exception {
        JsonNode doc = document();
        Map<String, String> patchOf = Map.of("ServicePatch", "ServiceRequest", "ConfigurationItemPatch", "ConfigurationItemRequest",
                "OfferingPatch", "OfferingRequest", "ProductPatch", "ProductRequest",
                "ConsumerOrganisationPatch", "ConsumerOrganisationRequest", "ServiceRelationshipPatch", "ServiceRelationshipRequest");
        // fields a create sets once: a service's key; a relationship's organisation, offering and start
        Set<String> fixed = Set.of("key", "organisationId", "offeringId", "validFrom");
        List<String> problems = new ArrayList<>();
        forEachCatalogOperation(doc, (where, operation) -> {
            if (!where.startsWith("PATCH")) {
                return;
            }
            for (String mediaType : List.of("application/merge-patch+json", "application/json")) {
                String ref = operation.at("/requestBody/content/" + mediaType.replace("/", "~1") + "/schema/$ref").asText();
                String name = ref.substring(ref.lastIndexOf('/') + 1);
                if (!patchOf.containsKey(name)) {
                    problems.add(where + " " + mediaType + ": body is '" + ref + "', not a <Noun>Patch");
                }
            }
        });
        patchOf.forEach((patch, request) -> {
            JsonNode schema = doc.at("/components/schemas/" + patch);
            if (schema.has("required")) {
                problems.add(patch + " requires " + schema.get("required"));
            }
            Set<String> editable = names(doc.at("/components/schemas/" + request + "/properties"));
            editable.removeAll(fixed);
            if (!editable.equals(names(schema.path("properties")))) {
                problems.add(patch + " has " + names(schema.path("properties")) + " but a patch may change " + editable);
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static JsonNode document() throws Exception {
        return new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
    }

    private static void forEachCatalogOperation(JsonNode doc, BiConsumer<String, JsonNode> check) {
        for (var path = doc.get("paths").fields(); path.hasNext();) {
            Map.Entry<String, JsonNode> p = path.next();
            if (!p.getKey().startsWith("/api/v1/catalog") || p.getKey().startsWith("/api/v1/catalog/admin")) {
                continue;
            }
            for (var op = p.getValue().fields(); op.hasNext();) {
                Map.Entry<String, JsonNode> o = op.next();
                if (Set.of("get", "post", "patch", "put", "delete").contains(o.getKey())) {
                    check.accept(o.getKey().toUpperCase() + " " + p.getKey(), o.getValue());
                }
            }
        }
    }

    private static Set<String> names(JsonNode properties) {
        Set<String> names = new TreeSet<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
