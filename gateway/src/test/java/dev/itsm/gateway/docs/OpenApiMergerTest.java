package dev.itsm.gateway.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

class OpenApiMergerTest {

    static JsonObject doc(String path, String schemaDescription) {
        return new JsonObject("""
                {"openapi":"3.1.0","info":{"title":"t","version":"1","license":{"name":"Apache-2.0","url":"https://www.apache.org/licenses/LICENSE-2.0"}},
                 "tags":[{"name":"shared"}],
                 "paths":{"%s":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":
                   {"schema":{"$ref":"#/components/schemas/Item"}}}},
                   "404":{"description":"nf","content":{"application/problem+json":
                   {"schema":{"$ref":"#/components/schemas/Problem"}}}}}}}},
                 "components":{"schemas":{
                   "Problem":{"type":"object"},
                   "Item":{"type":"object","description":"%s",
                           "properties":{"next":{"$ref":"#/components/schemas/Item"}}}},
                   "securitySchemes":{"SecurityScheme":{"type":"http","scheme":"bearer"}}}}
                """.formatted(path, schemaDescription));
    }

    @Test
    void identicalComponentsAppearOnceAndDifferentOnesAreRenamedWithTheirReferences() {
        Map<String, JsonObject> documents = new LinkedHashMap<>();
        documents.put("catalog", doc("/api/v1/catalog/services", "a service"));
        documents.put("incident", doc("/api/v1/incidents", "an incident"));
        JsonObject merged = OpenApiMerger.merge(documents, List.of("sla"), "ITSM API", "http://gw:8080");

        JsonObject schemas = merged.getJsonObject("components").getJsonObject("schemas");
        assertEquals(3, schemas.size(), schemas.fieldNames().toString());
        assertTrue(schemas.containsKey("Problem"));
        assertEquals("a service", schemas.getJsonObject("Item").getString("description"));
        JsonObject renamed = schemas.getJsonObject("IncidentItem");
        assertEquals("an incident", renamed.getString("description"));
        assertEquals("#/components/schemas/IncidentItem",
                renamed.getJsonObject("properties").getJsonObject("next").getString("$ref"), "self reference follows");
        assertEquals("#/components/schemas/IncidentItem", merged.getJsonObject("paths")
                .getJsonObject("/api/v1/incidents").getJsonObject("get").getJsonObject("responses")
                .getJsonObject("200").getJsonObject("content").getJsonObject("application/json")
                .getJsonObject("schema").getString("$ref"));
        assertEquals("#/components/schemas/Item", merged.getJsonObject("paths")
                .getJsonObject("/api/v1/catalog/services").getJsonObject("get").getJsonObject("responses")
                .getJsonObject("200").getJsonObject("content").getJsonObject("application/json")
                .getJsonObject("schema").getString("$ref"));

        assertEquals(1, merged.getJsonArray("tags").size());
        assertEquals("http://gw:8080", merged.getJsonArray("servers").getJsonObject(0).getString("url"));
        JsonObject schemes = merged.getJsonObject("components").getJsonObject("securitySchemes");
        assertEquals(1, schemes.size(), "one bearer scheme for the whole API");
        assertEquals("bearer", schemes.getJsonObject("bearer").getString("scheme"));
        assertTrue(merged.getJsonObject("info").getString("description").contains("sla"));
        assertEquals("Apache-2.0", merged.getJsonObject("info").getJsonObject("license").getString("name"), "the suite's licence is kept");
        assertFalse(merged.getJsonObject("info").getString("description").contains("catalog, incident, sla"));
    }
}
