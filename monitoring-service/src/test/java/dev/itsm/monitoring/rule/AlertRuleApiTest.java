package dev.itsm.monitoring.rule;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.itsm.monitoring.intake.AlertSource;
import dev.itsm.monitoring.intake.AlertStatus;
import dev.itsm.monitoring.intake.NormalizedAlert;
import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Alert rules over HTTP on the real database: versions, If-Match, names, validation, roles, and the RuleBook's reload. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_monitoring"))
class AlertRuleApiTest {

    static final String RULES = "/api/v1/monitoring/rules";

    @Inject
    RuleBook book;

    static RequestSpecification as(String user, String role) {
        return given().header("Authorization", TestTokens.bearer(user, role)).contentType(ContentType.JSON);
    }

    static RequestSpecification admin() {
        return as("ada", Roles.ADMIN);
    }

    static String unique(String name) {
        return name + " " + UUID.randomUUID();
    }

    static String create(Map<String, Object> body) {
        return admin().body(body).post(RULES).then().statusCode(201).extract().path("id");
    }

    @Test
    void aRuleIsCreatedWithItsDefaultsAndEverySaveIsANewVersion() {
        String name = unique("disks");
        String id = admin().body(Map.of("name", name, "position", 10,
                        "matchers", List.of(Map.of("label", "alertname", "op", "REGEX", "value", "Disk.*"))))
                .post(RULES).then().statusCode(201)
                .header("ETag", "\"1\"").header("Location", containsString("/api/v1/monitoring/rules/"))
                .body("version", equalTo(1)).body("enabled", equalTo(true)).body("severityLabel", equalTo("severity"))
                .body("severities.critical.impact", equalTo("HIGH")).body("severities.minor.urgency", equalTo("MEDIUM"))
                .body("flapWindow", equalTo("PT5M")).body("autoResolve", equalTo(true)).body("openIncident", equalTo(true))
                .body("ci", nullValue()).body("deleted", equalTo(false)).body("createdBy", equalTo("ada"))
                .extract().path("id");

        // PUT replaces whole: what is absent takes its default again
        admin().header("If-Match", "\"1\"").body(Map.of("name", name, "position", 20, "flapWindow", "PT1M",
                        "ci", Map.of("from", "FIXED", "name", "payments-db")))
                .put(RULES + "/" + id).then().statusCode(200).header("ETag", "\"2\"")
                .body("position", equalTo(20)).body("matchers.size()", equalTo(0)).body("flapWindow", equalTo("PT1M"))
                .body("ci.from", equalTo("FIXED"));
        as("ian", Roles.INTEGRATION_ADMIN).contentType("application/merge-patch+json").header("If-Match", "\"2\"")
                .body("{\"enabled\":false,\"ci\":null}").patch(RULES + "/" + id).then().statusCode(200)
                .header("ETag", "\"3\"").body("enabled", equalTo(false)).body("ci", nullValue())
                .body("position", equalTo(20)).body("updatedBy", equalTo("ian")).body("createdBy", equalTo("ada"));

        as("rita", Roles.READER).get(RULES + "/" + id).then().statusCode(200).header("ETag", "\"3\"");
        as("rita", Roles.READER).get(RULES + "/" + id + "/versions").then().statusCode(200)
                .body("items.version", equalTo(List.of(3, 2, 1))).body("total", equalTo(3))
                .body("items[2].position", equalTo(10)).body("items[2].matchers[0].value", equalTo("Disk.*"))
                .body("items[1].ci.name", equalTo("payments-db")).body("items[0].enabled", equalTo(false));
    }

    @Test
    void savingNeedsTheCurrentETag() {
        String id = create(Map.of("name", unique("etag"), "position", 1));
        Map<String, Object> body = Map.of("name", unique("etag2"), "position", 2);
        admin().body(body).put(RULES + "/" + id).then().statusCode(428).body("type", endsWith("/precondition-required"));
        admin().header("If-Match", "\"7\"").body(body).put(RULES + "/" + id).then().statusCode(412);
        admin().header("If-Match", "W/\"1\"").body(body).put(RULES + "/" + id).then().statusCode(412);
        admin().contentType("application/merge-patch+json").body("{\"position\":3}").patch(RULES + "/" + id).then()
                .statusCode(428);
        admin().delete(RULES + "/" + id).then().statusCode(428);
        admin().header("If-Match", "\"2\"").delete(RULES + "/" + id).then().statusCode(412);
        admin().get(RULES + "/" + id).then().statusCode(200).body("version", equalTo(1)).body("position", equalTo(1));
        admin().get(RULES + "/" + UUID.randomUUID()).then().statusCode(404);
        admin().header("If-Match", "\"1\"").body(body).put(RULES + "/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void namesAreUniqueAmongRulesNotDeleted() {
        String name = unique("Unique");
        String first = create(Map.of("name", name, "position", 1));
        admin().body(Map.of("name", name.toUpperCase(), "position", 2)).post(RULES).then().statusCode(409)
                .body("type", endsWith("/duplicate-key")).body("field", equalTo("name")).body("existingId", equalTo(first));
        String second = create(Map.of("name", unique("other"), "position", 2));
        admin().header("If-Match", "\"1\"").body(Map.of("name", name, "position", 2)).put(RULES + "/" + second).then()
                .statusCode(409);

        admin().header("If-Match", "\"1\"").delete(RULES + "/" + first).then().statusCode(204);
        admin().get(RULES + "/" + first).then().statusCode(200).body("deleted", equalTo(true)).body("version", equalTo(2));
        admin().get(RULES + "/" + first + "/versions").then().body("items.version", equalTo(List.of(2, 1)));
        admin().header("If-Match", "\"2\"").delete(RULES + "/" + first).then().statusCode(404);
        admin().queryParam("size", 500).get(RULES).then().statusCode(200).body("items.id", not(hasItem(first)));
        // the name is free again
        create(Map.of("name", name, "position", 3));
    }

    @Test
    void invalidRulesAre422WithAPointerPerError() {
        admin().body(Map.of("name", unique("bad"), "position", 1,
                        "matchers", List.of(Map.of("label", "a", "op", "EQ", "value", "x"),
                                Map.of("label", "instance", "op", "REGEX", "value", "web-(01")),
                        "ci", Map.of("from", "LOOKUP", "label", "instance"),
                        "severities", Map.of("critical", Map.of("impact", "EXTREME", "urgency", "HIGH")),
                        "flapWindow", "PT48H"))
                .post(RULES).then().statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/invalid-rule"))
                .body("errors.field", equalTo(List.of("/matchers/1/value", "/ci/table", "/severities/critical/impact",
                        "/flapWindow")));
        admin().body(Map.of("position", 1)).post(RULES).then().statusCode(400).body("type", endsWith("/validation"));
        admin().body(Map.of("name", unique("op"), "position", 1, "matchers", List.of(Map.of("label", "a", "op", "LIKE"))))
                .post(RULES).then().statusCode(400);
        String id = create(Map.of("name", unique("patched"), "position", 1));
        admin().contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body("{\"matchers\":[{\"label\":\"x\",\"op\":\"NOT_REGEX\",\"value\":\"[\"}]}").patch(RULES + "/" + id)
                .then().statusCode(422).body("errors.field", equalTo(List.of("/matchers/0/value")));
        admin().get(RULES + "/" + id).then().body("version", equalTo(1));
    }

    @Test
    void theListFiltersAndKeepsTheOrderRulesAreTriedIn() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String b = create(Map.of("name", "list-" + tag + "-b", "position", 5));
        String a = create(Map.of("name", "list-" + tag + "-a", "position", 5));
        String first = create(Map.of("name", "list-" + tag + "-z", "position", -100));
        String off = create(Map.of("name", "list-" + tag + "-off", "position", 1, "enabled", false));
        as("alice", Roles.AGENT).queryParam("q", "LIST-" + tag).queryParam("count", "bounded").get(RULES).then().statusCode(200)
                .body("items.id", equalTo(List.of(first, off, a, b))).body("total", equalTo(4));
        as("alice", Roles.AGENT).queryParam("q", "list-" + tag).queryParam("enabled", "false").get(RULES).then()
                .body("items.id", equalTo(List.of(off)));
        as("alice", Roles.AGENT).queryParam("q", "list-" + tag).queryParam("sort", "-name").queryParam("size", 2)
                .get(RULES).then().statusCode(200).body("items.id", equalTo(List.of(first, off)))
                .body("next", not(nullValue()));
        as("alice", Roles.AGENT).queryParam("enabled", "maybe").get(RULES).then().statusCode(400);
    }

    @Test
    void eventSourcesCannotReadRulesAndReadersCannotWriteThem() {
        as("am", Roles.EVENT_SOURCE).get(RULES).then().statusCode(403);
        given().get(RULES).then().statusCode(401);
        as("alice", Roles.AGENT).body(Map.of("name", unique("agent"), "position", 1)).post(RULES).then().statusCode(403);
        as("rita", Roles.READER).get(RULES).then().statusCode(200);
        as("ian", Roles.INTEGRATION_ADMIN).body(Map.of("name", unique("integration"), "position", 1)).post(RULES).then()
                .statusCode(201).body("createdBy", equalTo("ian"));
    }

    @Test
    void aRepeatedCreateWithTheSameIdempotencyKeyReturnsTheFirstRule() {
        Map<String, Object> body = Map.of("name", unique("idem"), "position", 1);
        String key = UUID.randomUUID().toString();
        String id = admin().header("Idempotency-Key", key).body(body).post(RULES).then().statusCode(201).extract().path("id");
        admin().header("Idempotency-Key", key).body(body).post(RULES).then().statusCode(201).body("id", equalTo(id));
    }

    @Test
    void theRuleBookReloadsWhenRulesChange() {
        String label = "t" + UUID.randomUUID().toString().replace("-", "");
        NormalizedAlert alert = new NormalizedAlert(AlertSource.ALERTMANAGER, "am", AlertStatus.FIRING, "fp", "X", null,
                null, null, Map.of("alertname", "X", label, "yes", "instance", "h:1"), Map.of(), Instant.EPOCH, null, null,
                Instant.EPOCH);
        String name = unique("reload");
        String id = create(Map.of("name", name, "position", -1000, "matchers", List.of(Map.of("label", label, "op", "EQ",
                "value", "yes")), "dedupKeyTemplate", "{{alertname}}@{{instance}}"));
        assertNotEquals(name, book.classify(alert).ruleName(), "no reload before refresh()");
        book.refresh();
        Classification c = book.classify(alert);
        assertEquals(name, c.ruleName());
        assertEquals(UUID.fromString(id), c.ruleId());
        assertEquals(1L, c.ruleVersion());
        assertEquals("X@h:1", c.dedupKey());

        admin().contentType("application/merge-patch+json").header("If-Match", "\"1\"").body("{\"enabled\":false}")
                .patch(RULES + "/" + id).then().statusCode(200);
        book.refresh();
        // other tests' rules may match every alert; this one no longer classifies
        assertNotEquals(name, book.classify(alert).ruleName());
    }
}
