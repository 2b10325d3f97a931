package dev.itsm.sla.agreement;

import static dev.itsm.sla.SlaTestSupport.PROBLEM;
import static dev.itsm.sla.SlaTestSupport.TWENTY_FOUR_SEVEN;
import static dev.itsm.sla.SlaTestSupport.admin;
import static dev.itsm.sla.SlaTestSupport.knownService;
import static dev.itsm.sla.SlaTestSupport.reader;
import static dev.itsm.sla.SlaTestSupport.target;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class AgreementResourceTest {

    private static UUID service;

    /** One service the catalogue replica knows, shared by the bodies of this class (scopes must name known services). */
    static synchronized UUID service() {
        if (service == null) {
            service = knownService();
        }
        return service;
    }

    static Map<String, Object> valid(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", "OLA");
        body.put("scope", Map.of("allServices", false, "serviceIds", List.of(service().toString())));
        body.put("targets", List.of(target("TIME_TO_RESPOND", "P1", "PT15M"), target("TIME_TO_RESOLVE", "P1", "PT8H"),
                target("TIME_TO_RESOLVE", "P2", "PT4H")));
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    @Test
    void anAgreementGetsDefaultsAndRevisionOne() {
        String name = "OLA " + UUID.randomUUID();
        admin().body(valid(name)).post("/api/v1/sla/agreements").then().statusCode(201).header("ETag", "\"0\"")
                .body("revision", equalTo(1))
                .body("state", equalTo("ACTIVE"))
                .body("status", equalTo("ACTIVE"))
                .body("calendarId", equalTo(TWENTY_FOUR_SEVEN))
                .body("warningThresholds", equalTo(List.of(50, 75)))
                .body("pauseConditions.states", equalTo(List.of("ON_HOLD")))
                .body("targets.find { it.priority == 'P2' }.targetSeconds", equalTo(14400))
                .body("targets.find { it.priority == 'P1' && it.metric == 'TIME_TO_RESOLVE' }.duration", equalTo("PT8H"));
    }

    @Test
    void aP1TargetLongerThanP2IsAllowedButZeroOrNegativeTargetsAreNot() {
        admin().body(with(valid("Bad " + UUID.randomUUID()), "targets", List.of(target("TIME_TO_RESOLVE", "P1", "PT0S"),
                target("TIME_TO_RESOLVE", "P2", "-PT1H"), target("TIME_TO_RESOLVE", "P3", "four hours"),
                target("TIME_TO_RESOLVE", "P3", "PT1H"), target("TIME_TO_RESOLVE", "P4", "PT1H"), target("TIME_TO_RESOLVE", "P4", "PT2H"))))
                .post("/api/v1/sla/agreements").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("targets[0].duration", "targets[1].duration", "targets[2].duration", "targets[3]", "targets[5]")))
                .body("errors[0].message", equalTo("must be positive, was PT0S"))
                .body("errors[1].message", equalTo("must be positive, was -PT1H"))
                .body("errors[2].message", containsString("not an ISO-8601 duration"))
                .body("errors[3].message", equalTo("a second TIME_TO_RESOLVE target for P3"))
                .body("errors[4].message", equalTo("a second TIME_TO_RESOLVE target for P4"));
    }

    @Test
    void structuralRulesAreCheckedPrecisely() {
        Map<String, Object> uc = with(valid("UC " + UUID.randomUUID()), "type", "UC");
        admin().body(uc).post("/api/v1/sla/agreements").then().statusCode(400)
                .body("errors[0].field", equalTo("supplier")).body("errors[0].message", containsString("supplier"));
        admin().body(with(uc, "supplier", "Acme Hosting")).post("/api/v1/sla/agreements").then().statusCode(201)
                .body("supplier", equalTo("Acme Hosting"));

        Map<String, Object> bad = with(valid("Bad " + UUID.randomUUID()), "scope", Map.of("allServices", true, "serviceIds", List.of(UUID.randomUUID().toString())));
        bad.put("pauseConditions", Map.of("states", List.of("NEW"), "holdReasons", List.of("AWAITING_CALLER")));
        bad.put("warningThresholds", List.of(50, 0, 100));
        bad.put("appliesTo", Map.of("priorities", List.of("P2"), "categories", List.of()));
        admin().body(bad).post("/api/v1/sla/agreements").then().statusCode(400)
                .body("errors.field", equalTo(List.of("scope.serviceIds", "targets[0].priority", "targets[1].priority",
                        "pauseConditions.holdReasons", "warningThresholds[1]", "warningThresholds[2]")));

        admin().body(with(valid("Nobody " + UUID.randomUUID()), "scope", Map.of("allServices", false)))
                .post("/api/v1/sla/agreements").then().statusCode(400).body("errors[0].field", equalTo("scope.serviceIds"));
        admin().body(with(valid("Enum " + UUID.randomUUID()), "type", "XLA")).post("/api/v1/sla/agreements")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].message", containsString("SLA, OLA, UC"));
        admin().body(with(valid("NoCal " + UUID.randomUUID()), "calendarId", UUID.randomUUID().toString()))
                .post("/api/v1/sla/agreements").then().statusCode(422).contentType(PROBLEM).body("field", equalTo("calendarId"));
        admin().body(with(valid("Empty " + UUID.randomUUID()), "targets", List.of())).post("/api/v1/sla/agreements")
                .then().statusCode(400).body("errors[0].field", equalTo("targets"));
        admin().body("{\"name\":").post("/api/v1/sla/agreements").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void aChangeMakesTheNextRevisionAndOldRevisionsStayReadable() {
        String id = admin().body(valid("Rev " + UUID.randomUUID())).post("/api/v1/sla/agreements").then().statusCode(201).extract().path("id");
        admin().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"targets\":[{\"metric\":\"TIME_TO_RESOLVE\",\"priority\":\"P1\",\"duration\":\"PT2H\"}],\"warningThresholds\":[80]}")
                .patch("/api/v1/sla/agreements/" + id).then().statusCode(200)
                .body("revision", equalTo(2)).body("warningThresholds", equalTo(List.of(80))).body("targets.size()", equalTo(1));
        reader().get("/api/v1/sla/agreements/" + id + "/revisions/1").then().statusCode(200)
                .body("revision", equalTo(1)).body("targets.size()", equalTo(3));
        reader().get("/api/v1/sla/agreements/" + id + "/revisions/9").then().statusCode(404).contentType(PROBLEM);
        admin().contentType("application/merge-patch+json").header("If-Match", "\"0\"").body("{\"name\":\"x\"}")
                .patch("/api/v1/sla/agreements/" + id).then().statusCode(412);
        admin().contentType("application/merge-patch+json").body("{\"targets\":[{\"metric\":\"TIME_TO_RESOLVE\",\"priority\":\"P1\",\"duration\":\"PT0S\"}]}")
                .patch("/api/v1/sla/agreements/" + id).then().statusCode(400).body("errors[0].field", equalTo("targets[0].duration"));
    }

    @Test
    void retireAndActivateAreCommandsWithStateChecks() {
        String id = admin().body(valid("Life " + UUID.randomUUID())).post("/api/v1/sla/agreements").then().statusCode(201).extract().path("id");
        admin().post("/api/v1/sla/agreements/" + id + "/activate").then().statusCode(409).contentType(PROBLEM)
                .body("currentState", equalTo("ACTIVE")).body("allowedCommands", equalTo(List.of("retire")));
        admin().header("If-Match", "\"0\"").post("/api/v1/sla/agreements/" + id + "/retire").then().statusCode(200)
                .body("state", equalTo("RETIRED")).body("status", equalTo("RETIRED"));
        reader().queryParam("status", "RETIRED").queryParam("size", 500).get("/api/v1/sla/agreements").then().statusCode(200)
                .body("items.id", hasItem(id));
        reader().queryParam("state", "RETIRED").queryParam("size", 500).get("/api/v1/sla/agreements").then().statusCode(200)
                .body("items.id", hasItem(id));
        reader().queryParam("state", "ACTIVE").queryParam("size", 500).get("/api/v1/sla/agreements").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        admin().post("/api/v1/sla/agreements/" + id + "/activate").then().statusCode(200).body("status", equalTo("ACTIVE"));
        reader().queryParam("status", "DORMANT").get("/api/v1/sla/agreements").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void namesAreUniqueAndADuplicateIsTheVocabularysDuplicateKeyProblem() {
        String name = "Dup " + UUID.randomUUID();
        String first = admin().body(valid(name)).post("/api/v1/sla/agreements").then().statusCode(201).extract().path("id");
        admin().body(valid(name)).post("/api/v1/sla/agreements").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/duplicate-key"))
                .body("field", equalTo("name")).body("value", equalTo(name)).body("existingId", equalTo(first));
    }

    @Test
    void aScopeNamingAServiceTheCatalogueDoesNotKnowIs422AndTheClientRetriesWhileTheReplicaCatchesUp() {
        UUID newService = UUID.randomUUID();
        Map<String, Object> body = with(valid("Scope " + newService), "scope",
                Map.of("allServices", false, "serviceIds", List.of(service().toString(), newService.toString())));
        admin().body(body).post("/api/v1/sla/agreements").then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/unknown-service"))
                .body("serviceId", equalTo(newService.toString()))
                .body("field", equalTo("scope.serviceIds[1]"))
                .body("detail", containsString("catching up"));
        reader().queryParam("size", 500).get("/api/v1/sla/agreements").then().statusCode(200)
                .body("items.name", not(hasItem("Scope " + newService)));

        // the catalogue announces the service: the same request succeeds once the replica has it
        CloudEventPublisher.publish("catalog", "ServiceCreated", newService.toString(), Map.of("serviceId", newService.toString(),
                "key", "new-" + newService, "name", "New service", "type", "TECHNICAL", "owner", "Ops", "status", "PIPELINE",
                "dependsOn", List.of(), "occurredAt", Instant.now().toString()));
        String id = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(
                () -> admin().body(body).post("/api/v1/sla/agreements").then().extract(),
                r -> r.statusCode() != 422).path("id");
        reader().get("/api/v1/sla/agreements/" + id).then().statusCode(200)
                .body("scope.serviceIds", equalTo(List.of(service().toString(), newService.toString())));

        // an edit that adds an unknown service is refused the same way
        UUID unknown = UUID.randomUUID();
        admin().contentType("application/merge-patch+json")
                .body(Map.of("scope", Map.of("allServices", false, "serviceIds", List.of(newService.toString(), unknown.toString()))))
                .patch("/api/v1/sla/agreements/" + id).then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/unknown-service"))
                .body("serviceId", equalTo(unknown.toString()));
        reader().get("/api/v1/sla/agreements/" + id).then().statusCode(200).body("revision", equalTo(1));
    }
}
