package dev.itsm.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What the platform's build-time OpenAPI filters make of any service's document. */
@QuarkusTest
@QuarkusTestResource(ItsmTestResources.class)
class ApiDocumentTest {

    static JsonNode document() throws Exception {
        return new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
    }

    @Test
    void javaLibraryTypesAreInlineStringsNotSchemasOfTheirOwn() throws Exception {
        JsonNode doc = document();
        JsonNode schemas = doc.path("components").path("schemas");
        for (String javaType : new String[] { "UUID", "Instant", "LocalDate" }) {
            assertFalse(schemas.has(javaType), javaType + " must not be a component schema");
        }
        JsonNode id = schemas.path("Ticket").path("properties").path("id");
        assertEquals("string", id.path("type").asText(), id.toString());
        assertEquals("uuid", id.path("format").asText(), id.toString());
        assertEquals("The ticket's id", id.path("description").asText());
    }

    @Test
    void aJacksonTreeIsAFreeObjectNotJacksonsClass() throws Exception {
        JsonNode schemas = document().path("components").path("schemas");
        for (String jacksonType : new String[] { "JsonNode", "JsonNodeType", "JsonObject", "JsonObject1" }) {
            assertFalse(schemas.has(jacksonType), jacksonType + " must not be a component schema");
        }
        JsonNode labels = schemas.path("TicketRequest").path("properties").path("labels");
        assertFalse(labels.toString().contains("$ref"), labels.toString());
        assertEquals("object", labels.path("type").asText(), labels.toString());
        assertEquals("Free labels, any JSON object", labels.path("description").asText());
    }

    @Test
    void aDescribedReferenceKeepsItsDescriptionBesideAnAllOf() throws Exception {
        JsonNode kind = document().path("components").path("schemas").path("Ticket").path("properties").path("kind");
        assertFalse(kind.has("$ref"), "no $ref with siblings: " + kind);
        assertEquals("#/components/schemas/Kind", kind.path("allOf").path(0).path("$ref").asText(), kind.toString());
        assertEquals("What sort of ticket", kind.path("description").asText());
    }

    @Test
    void problemsMayCarryExtensionMembers() throws Exception {
        JsonNode problem = document().path("components").path("schemas").path("Problem");
        assertTrue(problem.path("additionalProperties").asBoolean(false), problem.toString());
    }

    @Test
    void operatorOperationsAreNamedForTheirService() throws Exception {
        JsonNode paths = document().path("paths");
        assertEquals("ticketsAdminListDeadLetters", paths.at("/~1api~1v1~1tickets~1admin~1dead-letters/get/operationId").asText());
        assertEquals("ticketsAdminReplayDeadLetters", paths.at("/~1api~1v1~1tickets~1admin~1dead-letters~1replay/post/operationId").asText());
        assertEquals("ticketsAdminListParkedEvents", paths.at("/~1api~1v1~1tickets~1admin~1outbox~1parked/get/operationId").asText());
        assertEquals("ticketsAdminRedriveParkedEvents", paths.at("/~1api~1v1~1tickets~1admin~1outbox~1parked~1redrive/post/operationId").asText());
        assertTrue(paths.at("/~1api~1v1~1tickets~1admin~1dead-letters/get/parameters").toString().contains("\"integer\""),
                "limit is documented as an integer");
    }
}
