package dev.itsm.change;

import static dev.itsm.change.Api.CHANGES;
import static dev.itsm.change.Api.PROBLEM;
import static dev.itsm.change.Api.create;
import static dev.itsm.change.Api.freshSlot;
import static dev.itsm.change.Api.normal;
import static dev.itsm.change.Api.rita;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Every input that flows into a change event has the same caps on PATCH as on create (at most 200
 * services, 500 CIs, bounded texts), so no edit can make an event too large to publish.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class ChangeInputBoundsTest {

    static final int MAX_SERVICES = 200;
    static final int MAX_CIS = 500;

    private static List<UUID> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> UUID.randomUUID()).toList();
    }

    private static RequestSpecification patch() {
        return rita().contentType("application/merge-patch+json");
    }

    private static String newChange() {
        return create(normal("Bounded", freshSlot(), Duration.ofHours(1), List.of(), List.of())).getString("id");
    }

    @Test
    void aPatchWithTooManyServicesOrCisIsRefusedLikeACreate() {
        String id = newChange();
        patch().body(Map.of("serviceIds", ids(MAX_SERVICES + 1))).patch(CHANGES + "/" + id)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", contains("serviceIds"));
        patch().body(Map.of("ciIds", ids(MAX_CIS + 1))).patch(CHANGES + "/" + id)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", contains("ciIds"));
        rita().get(CHANGES + "/" + id).then().header("ETag", "\"0\"").body("serviceIds", hasSize(0));

        // at the caps: as many services and CIs as the catalog knows
        List<UUID> services = IntStream.range(0, MAX_SERVICES).mapToObj(i -> Api.service("bounded-" + i)).toList();
        List<UUID> cis = IntStream.range(0, MAX_CIS).mapToObj(i -> Api.ci("bounded-" + i)).toList();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> patch().body(Map.of("serviceIds", services, "ciIds", cis))
                .patch(CHANGES + "/" + id).then().statusCode(200).body("serviceIds", hasSize(MAX_SERVICES)).body("ciIds", hasSize(MAX_CIS)));

        Map<String, Object> body = normal("Too wide", freshSlot(), Duration.ofHours(1), ids(MAX_SERVICES + 1), ids(MAX_CIS + 1));
        rita().body(body).post(CHANGES).then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItems("ciIds", "serviceIds"));
    }

    @Test
    void aPatchWithOverlongTextsIsRefused() {
        String id = newChange();
        Map<String, Object> texts = new HashMap<>();
        texts.put("title", "t".repeat(201));
        texts.put("description", "d".repeat(10_001));
        texts.put("justification", "j".repeat(10_001));
        texts.put("implementationPlan", "i".repeat(20_001));
        texts.put("backoutPlan", "b".repeat(20_001));
        texts.put("testPlan", "p".repeat(20_001));
        patch().body(texts).patch(CHANGES + "/" + id).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", contains("backoutPlan", "description", "implementationPlan", "justification", "testPlan", "title"));
    }

    @Test
    void theCapsHoldInEveryEditableStateBeforeTheContentRule() {
        String id = Api.scheduledNormal("Bounded and scheduled", freshSlot(), Duration.ofHours(1), List.of(), List.of());
        patch().body(Map.of("serviceIds", ids(MAX_SERVICES + 1))).patch(CHANGES + "/" + id)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", contains("serviceIds"));
    }

    @Test
    void riskAnswersAreBounded() {
        String id = newChange();
        rita().post(CHANGES + "/" + id + "/submit").then().statusCode(200);
        Map<String, Boolean> answers = new HashMap<>(Api.lowRisk());
        IntStream.range(0, 100).forEach(i -> answers.put("invented" + i, true));
        rita().body(Map.of("answers", answers)).post(CHANGES + "/" + id + "/assess").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", contains("answers")).body("errors", hasSize(1));
        rita().get(CHANGES + "/" + id).then().body("state", equalTo("ASSESS"));
    }
}
