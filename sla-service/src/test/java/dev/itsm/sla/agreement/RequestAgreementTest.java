package dev.itsm.sla.agreement;

import static dev.itsm.sla.SlaTestSupport.PROBLEM;
import static dev.itsm.sla.SlaTestSupport.admin;
import static dev.itsm.sla.SlaTestSupport.knownService;
import static dev.itsm.sla.SlaTestSupport.reader;
import static dev.itsm.sla.SlaTestSupport.target;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Agreements for service requests: recordKind, scope by offering, targets without priority, and the combinations refused (422). */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class RequestAgreementTest {

    static Map<String, Object> request(String name, List<String> offeringIds, List<Map<String, Object>> targets) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", "SLA");
        body.put("recordKind", "REQUEST");
        body.put("scope", Map.of("allServices", false, "offeringIds", offeringIds));
        body.put("targets", targets);
        return body;
    }

    @Test
    void aRequestAgreementScopesOfferingsAndHasTargetsWithoutPriorityAndTheListFiltersByRecordKind() {
        String offering = UUID.randomUUID().toString();
        String id = admin().body(request("Laptops " + offering, List.of(offering),
                List.of(Map.of("metric", "TIME_TO_APPROVE", "duration", "P1D"), Map.of("metric", "TIME_TO_FULFIL", "duration", "P5D"))))
                .post("/api/v1/sla/agreements").then().statusCode(201)
                .body("recordKind", equalTo("REQUEST"))
                .body("scope.offeringIds", equalTo(List.of(offering)))
                .body("scope.serviceIds", equalTo(List.of()))
                .body("targets[0].metric", equalTo("TIME_TO_APPROVE")).body("targets[0].priority", nullValue())
                .body("targets[1].targetSeconds", equalTo(5 * 86400))
                .body("pauseConditions.states", equalTo(List.of()))
                .extract().path("id");
        UUID service = knownService();
        String incident = admin().body(Map.of("name", "Incidents " + service, "type", "SLA",
                "scope", Map.of("allServices", false, "serviceIds", List.of(service.toString())),
                "targets", List.of(target("TIME_TO_RESOLVE", "P1", "PT4H")))).post("/api/v1/sla/agreements").then().statusCode(201)
                .body("recordKind", equalTo("INCIDENT")).body("scope.offeringIds", equalTo(List.of()))
                .body("pauseConditions.states", equalTo(List.of("ON_HOLD"))).extract().path("id");

        reader().queryParam("recordKind", "REQUEST").queryParam("size", 500).get("/api/v1/sla/agreements").then().statusCode(200)
                .body("items.id", hasItem(id)).body("items.id", not(hasItem(incident))).body("items.recordKind", not(hasItem("INCIDENT")));
        reader().queryParam("recordKind", "INCIDENT").queryParam("size", 500).get("/api/v1/sla/agreements").then().statusCode(200)
                .body("items.id", hasItem(incident)).body("items.id", not(hasItem(id)));
        reader().queryParam("recordKind", "PROBLEM").get("/api/v1/sla/agreements").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("recordKind"));
    }

    @Test
    void anIncidentAgreementStillNeedsAPriorityPerTarget() {
        UUID service = knownService();
        admin().body(Map.of("name", "No priority " + service, "type", "SLA",
                "scope", Map.of("allServices", false, "serviceIds", List.of(service.toString())),
                "targets", List.of(Map.of("metric", "TIME_TO_RESOLVE", "duration", "PT4H")))).post("/api/v1/sla/agreements")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", equalTo(List.of("targets[0].priority")));
    }

    @Test
    void combinationsThatDoNotFitTheRecordKindAre422NamingEachField() {
        String offering = UUID.randomUUID().toString();
        Map<String, Object> bad = request("Mixed " + offering, List.of(offering),
                List.of(Map.of("metric", "TIME_TO_RESOLVE", "duration", "PT4H"), Map.of("metric", "TIME_TO_FULFIL", "priority", "P1", "duration", "P5D")));
        bad.put("appliesTo", Map.of("priorities", List.of("P1"), "categories", List.of("email")));
        bad.put("pauseConditions", Map.of("states", List.of("ON_HOLD")));
        admin().body(bad).post("/api/v1/sla/agreements").then().statusCode(422).contentType(PROBLEM)
                .body("type", endsWith("record-kind-mismatch")).body("recordKind", equalTo("REQUEST"))
                .body("errors.field", equalTo(List.of("targets[0].metric", "targets[1].priority", "appliesTo.priorities",
                        "appliesTo.categories", "pauseConditions")))
                .body("errors[0].message", containsString("INCIDENT metric"));

        UUID service = knownService();
        admin().body(Map.of("name", "Incident with offering " + service, "type", "SLA",
                "scope", Map.of("allServices", false, "serviceIds", List.of(service.toString()), "offeringIds", List.of(offering)),
                "targets", List.of(target("TIME_TO_FULFIL", "P1", "P5D")))).post("/api/v1/sla/agreements")
                .then().statusCode(422).contentType(PROBLEM).body("recordKind", equalTo("INCIDENT"))
                .body("errors.field", equalTo(List.of("targets[0].metric", "scope.offeringIds")));

        admin().body(request("Nothing in scope " + offering, List.of(), List.of(Map.of("metric", "TIME_TO_FULFIL", "duration", "P5D"))))
                .post("/api/v1/sla/agreements").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("scope.serviceIds")).body("errors[0].message", containsString("offering"));
    }

    @Test
    void anAgreementKeepsItsRecordKind() {
        String offering = UUID.randomUUID().toString();
        var created = admin().body(request("Fixed kind " + offering, List.of(offering), List.of(Map.of("metric", "TIME_TO_FULFIL", "duration", "P5D"))))
                .post("/api/v1/sla/agreements").then().statusCode(201).extract();
        admin().contentType("application/merge-patch+json").header("If-Match", created.header("ETag"))
                .body("{\"recordKind\":\"INCIDENT\"}").patch("/api/v1/sla/agreements/" + created.path("id")).then()
                .statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("recordKind"));
        admin().contentType("application/merge-patch+json").header("If-Match", created.header("ETag"))
                .body("{\"targets\":[{\"metric\":\"TIME_TO_FULFIL\",\"duration\":\"P3D\"}]}").patch("/api/v1/sla/agreements/" + created.path("id"))
                .then().statusCode(200).body("revision", equalTo(2)).body("recordKind", equalTo("REQUEST"))
                .body("targets[0].targetSeconds", equalTo(3 * 86400));
    }
}
