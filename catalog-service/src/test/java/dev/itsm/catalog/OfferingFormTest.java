package dev.itsm.catalog;

import static dev.itsm.catalog.Api.BASE;
import static dev.itsm.catalog.Api.PROBLEM;
import static dev.itsm.catalog.Api.admin;
import static dev.itsm.catalog.Api.liveService;
import static dev.itsm.catalog.Api.reader;
import static dev.itsm.catalog.Api.requester;
import static dev.itsm.catalog.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** An offering's cost, component keys and request form: checked at publish, served at …/form, readable by requesters. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_catalog"))
class OfferingFormTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String LAPTOP_FORM = """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
             "properties":{
               "laptop":{"type":"object","properties":{"model":{"enum":["STANDARD_14","DEVELOPER_16"]}},
                         "required":["model"],"additionalProperties":false},
               "vpn":{"$ref":"#/$defs/access"}},
             "$defs":{"access":{"type":"object","properties":{"accessLevel":{"enum":["STANDARD","ADMIN"]}}}},
             "required":["laptop","vpn"],"additionalProperties":false}""";

    static Map<String, Object> laptopOffering(String service, Object form) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", unique("Laptop with VPN"));
        body.put("targetConsumerGroup", "all-employees");
        body.put("serviceIds", List.of(service));
        body.put("components", List.of(
                Map.of("key", "laptop", "kind", "GOODS", "description", "Standard laptop", "fulfilmentGroup", "workplace-logistics"),
                Map.of("key", "vpn", "kind", "ACCESS_TO_RESOURCES", "description", "VPN access", "accessPeriod", "P180D")));
        body.put("cost", Map.of("amount", 1250.5, "currency", "EUR", "period", "ONE_OFF"));
        body.put("requestForm", form);
        return body;
    }

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aBrokenFormIsRefusedAtPublishWithEveryViolationByJsonPointerAndNothingChanges() throws Exception {
        String service = liveService(unique("laptops"));
        JsonNode broken = json("""
                {"$schema":"http://json-schema.org/draft-07/schema#","type":"objekt",
                 "properties":{"laptop":{"type":5,"minLength":-1},"printer":{"type":"object"},
                               "vpn":{"$ref":"https://forms.example.com/vpn.json"}}}""");
        String id = admin().body(laptopOffering(service, broken)).post(BASE + "/offerings")
                .then().statusCode(201).extract().path("id");

        admin().post(BASE + "/offerings/" + id + "/publish")
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/invalid-request-form"))
                .body("errors.field", hasItems("/type", "/properties/laptop/type", "/properties/laptop/minLength",
                        "/$schema", "/properties/printer", "/properties/vpn/$ref"));
        admin().get(BASE + "/offerings/" + id).then().statusCode(200)
                .body("state", equalTo("DRAFT")).body("publishedAt", nullValue()).header("ETag", "\"0\"");
    }

    @Test
    void aFormPropertyThatIsNoComponentKeyIsRefused() throws Exception {
        String service = liveService(unique("laptops"));
        JsonNode form = json("""
                {"type":"object","properties":{"laptop":{"type":"object"},"monitor":{"type":"object"}}}""");
        String id = admin().body(laptopOffering(service, form)).post(BASE + "/offerings")
                .then().statusCode(201).extract().path("id");
        admin().post(BASE + "/offerings/" + id + "/publish")
                .then().statusCode(422).body("type", equalTo("https://itsm.dev/problems/invalid-request-form"))
                .body("errors.field", contains("/properties/monitor"));
    }

    @Test
    void aGoodFormPublishesAndIsServedToRequestersAsSchemaJson() throws Exception {
        String service = liveService(unique("laptops"));
        JsonNode form = json(LAPTOP_FORM);
        String id = admin().body(laptopOffering(service, form)).post(BASE + "/offerings")
                .then().statusCode(201)
                .body("cost.amount", equalTo(1250.5f)).body("cost.currency", equalTo("EUR"))
                .body("components.key", contains("laptop", "vpn"))
                .body("components[0].fulfilmentGroup", equalTo("workplace-logistics"))
                .body("components[1].accessPeriod", equalTo("P180D"))
                .extract().path("id");
        admin().post(BASE + "/offerings/" + id + "/publish").then().statusCode(200).body("state", equalTo("PUBLISHED"));

        String served = requester().accept("application/schema+json").get(BASE + "/offerings/" + id + "/form")
                .then().statusCode(200).contentType(startsWith("application/schema+json")).header("ETag", "\"1\"")
                .extract().asString();
        assertEquals(form, json(served));
        // the form keeps the order its author gave the properties: the order a requester is asked in
        List<String> order = new java.util.ArrayList<>();
        json(served).get("properties").fieldNames().forEachRemaining(order::add);
        assertEquals(List.of("laptop", "vpn"), order);
        String plain = reader().accept("application/json").get(BASE + "/offerings/" + id + "/form")
                .then().statusCode(200).contentType(startsWith("application/json")).extract().asString();
        assertEquals(form, json(plain));

        // a requester sees what they can order, and nothing else of the catalogue's writes
        requester().queryParam("state", "PUBLISHED").queryParam("serviceId", service).get(BASE + "/offerings")
                .then().statusCode(200).body("items.id", contains(id)).body("items[0].requestForm.type", equalTo("object"));
        requester().get(BASE + "/offerings/" + id).then().statusCode(200).body("cost.period", equalTo("ONE_OFF"));
        requester().body(laptopOffering(service, null)).post(BASE + "/offerings").then().statusCode(403);
        requester().get(BASE + "/services").then().statusCode(403);

        // editing a published offering keeps the rules: a broken form is refused and nothing changes
        admin().contentType("application/merge-patch+json").body(Map.of("requestForm", Map.of("properties", Map.of("monitor", Map.of()))))
                .patch(BASE + "/offerings/" + id)
                .then().statusCode(422).body("errors.field", contains("/properties/monitor"));
        requester().get(BASE + "/offerings/" + id + "/form").then().statusCode(200).header("ETag", "\"1\"");
        // null removes the form: the offering then asks nothing
        admin().contentType("application/merge-patch+json").body("{\"requestForm\":null,\"cost\":null}").patch(BASE + "/offerings/" + id)
                .then().statusCode(200).body("requestForm", nullValue()).body("cost", nullValue());
        JsonNode empty = json(requester().get(BASE + "/offerings/" + id + "/form").then().statusCode(200).extract().asString());
        assertEquals(json("""
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{},"additionalProperties":false}"""),
                empty);
    }

    @Test
    void theFormOperationIsDocumentedAsSchemaJsonWithTheLaptopAndVpnExample() throws Exception {
        JsonNode doc = JSON.readTree(io.restassured.RestAssured.given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        JsonNode ok = doc.at("/paths/~1api~1v1~1catalog~1offerings~1{id}~1form/get/responses/200/content");
        for (String media : List.of("application/schema+json", "application/json")) {
            JsonNode example = ok.path(media).at("/examples/laptop with VPN/value");
            assertEquals(List.of("laptop", "vpn"), fieldNames(example.get("properties")), media);
        }
        assertEquals(List.of("getOfferingForm"), List.of(doc.at("/paths/~1api~1v1~1catalog~1offerings~1{id}~1form/get/operationId").asText()));
        assertEquals("object", doc.at("/components/schemas/OfferingView/properties/requestForm/type").path(0).asText(
                doc.at("/components/schemas/OfferingView/properties/requestForm/type").asText()));
        assertEquals(3, doc.at("/components/schemas/OfferingCostPeriod/enum").size(), "ONE_OFF, MONTHLY, YEARLY");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void anAccessPeriodBelongsToAccessToResourcesOnlyAndKeysAreUniqueAndRequired() {
        String service = liveService(unique("access"));
        Map<String, Object> body = laptopOffering(service, null);
        admin().body(body).post(BASE + "/offerings").then().statusCode(201);

        body.put("components", List.of(Map.of("key", "laptop", "kind", "GOODS", "description", "Laptop", "accessPeriod", "P90D")));
        admin().body(body).post(BASE + "/offerings").then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/invalid-components"))
                .body("errors.field", contains("components[0].accessPeriod"));
        body.put("components", List.of(Map.of("key", "vpn", "kind", "ACCESS_TO_RESOURCES", "description", "VPN", "accessPeriod", "90 days"),
                Map.of("key", "vpn", "kind", "SERVICE_ACTION", "description", "Set up")));
        admin().body(body).post(BASE + "/offerings").then().statusCode(422)
                .body("errors.field", containsInAnyOrder("components[0].accessPeriod", "components[1].key"));
        body.put("components", List.of(Map.of("kind", "GOODS", "description", "Laptop"), Map.of("key", "Not A Key", "kind", "GOODS", "description", "x")));
        admin().body(body).post(BASE + "/offerings").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", containsInAnyOrder("components.key[0]", "components.key[1]"));
        body.put("components", List.of(Map.of("key", "laptop", "kind", "GOODS", "description", "Laptop")));
        body.put("cost", Map.of("amount", 10.123, "currency", "XYZ", "period", "ONE_OFF"));
        admin().body(body).post(BASE + "/offerings").then().statusCode(400).body("errors.field", contains("cost.amount"));
        body.put("cost", Map.of("amount", 10, "currency", "XYZ", "period", "ONE_OFF"));
        admin().body(body).post(BASE + "/offerings").then().statusCode(400).body("errors.field", contains("cost.currency"));
        body.put("cost", Map.of("amount", 10, "currency", "EUR", "period", "ONE_OFF"));
        body.put("requestForm", "a form");
        admin().body(body).post(BASE + "/offerings").then().statusCode(400).body("errors.field", contains("requestForm"));
    }

}
