package dev.itsm.change;

import static dev.itsm.change.Api.CHANGES;
import static dev.itsm.change.Api.PROBLEM;
import static dev.itsm.change.Api.as;
import static dev.itsm.change.Api.command;
import static dev.itsm.change.Api.create;
import static dev.itsm.change.Api.freshSlot;
import static dev.itsm.change.Api.manager;
import static dev.itsm.change.Api.ofType;
import static dev.itsm.change.Api.rita;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** Enforced conflict detection when scheduling, with the dependency graph replicated from catalog events. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_change"))
class ScheduleConflictTest {

    @Inject
    DataSource ds;

    long count(String sql, UUID id) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void awaitReplica(String table, String column, UUID id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from " + table + " where " + column + " = ?", id) == 1);
    }

    @Test
    void anOverlapThroughTheDependencyGraphRejectsSchedulingUntilAChangeManagerOverrides() {
        UUID db = Api.ci("db");
        UUID app = Api.ci("app");
        Api.relation(app, "depends_on", "CI", db); // app-ci depends_on db-ci, as catalog-service publishes it
        awaitReplica("catalog_ci_relation", "source_id", app);

        Instant slot = freshSlot();
        String onDb = Api.scheduledNormal("Patch database", slot, Duration.ofHours(1), List.of(), List.of(db));
        String dbNumber = rita().get(CHANGES + "/" + onDb).then().extract().path("number");
        String onApp = Api.authorisedNormal("Deploy app", slot.plus(Duration.ofMinutes(30)), Duration.ofHours(1), List.of(), List.of(app));

        rita().get(CHANGES + "/" + onApp + "/conflicts").then().statusCode(200)
                .body("schedulable", equalTo(false)).body("conflicts", hasSize(1))
                .body("conflicts[0].kind", equalTo("OVERLAPPING_CHANGE")).body("conflicts[0].changeNumber", equalTo(dbNumber))
                .body("conflicts[0].sharedItems", hasItem(db.toString()));

        rita().body(Map.of()).post(CHANGES + "/" + onApp + "/schedule").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://itsm.dev/problems/schedule-conflict"))
                .body("conflicts", hasSize(1)).body("conflicts[0].changeId", equalTo(onDb));
        rita().body(Map.of("override", true, "justification", "I insist")).post(CHANGES + "/" + onApp + "/schedule")
                .then().statusCode(403).contentType(PROBLEM).body("type", containsString("override-not-allowed"));
        manager().body(Map.of("override", true)).post(CHANGES + "/" + onApp + "/schedule")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("justification"));
        JsonPath scheduled = command(manager(), onApp, "schedule", Map.of("override", true, "justification", "same team, coordinated"));
        assertEquals("SCHEDULED", scheduled.getString("state"));
        assertEquals("mia", scheduled.getString("conflictOverride.overriddenBy"));
        assertEquals("CHANGE_MANAGER", scheduled.getString("conflictOverride.reason"));
        assertEquals("same team, coordinated", scheduled.getString("conflictOverride.justification"));
        assertEquals(onDb, scheduled.getString("conflictOverride.conflicts[0].changeId"));

        var events = TopicReader.await("itsm.change.events", 1, Duration.ofSeconds(30),
                r -> onApp.equals(r.key()) && r.ceType().endsWith("ChangeScheduled"));
        JsonPath payload = new JsonPath(events.get(0).value());
        assertTrue(payload.getBoolean("conflictsOverridden"));
        assertEquals("same team, coordinated", payload.getString("overrideJustification"));
    }

    @Test
    void aChangeToAServiceCollidesWithChangesToServicesThatDependOnIt() {
        UUID payments = UUID.randomUUID();
        UUID shop = UUID.randomUUID();
        Api.serviceCreated(payments, "payments-" + payments);
        Api.serviceCreated(shop, "shop-" + shop, payments);
        awaitReplica("catalog_service", "id", shop);
        Instant slot = freshSlot();
        Api.scheduledNormal("Shop release", slot, Duration.ofHours(1), List.of(shop), List.of());
        String onPayments = Api.authorisedNormal("Payments upgrade", slot, Duration.ofHours(1), List.of(payments), List.of());
        rita().body(Map.of()).post(CHANGES + "/" + onPayments + "/schedule").then().statusCode(409).contentType(PROBLEM)
                .body("conflicts[0].sharedItems", hasItem(shop.toString()));
        // the same window on an unrelated service is fine
        String elsewhere = Api.authorisedNormal("Other", slot, Duration.ofHours(1), List.of(Api.service("other")), List.of());
        assertEquals("SCHEDULED", command(rita(), elsewhere, "schedule", Map.of()).getString("state"));
    }

    @Test
    void anEmergencyChangeMayOverrideConflictsWithAJustificationByAnyAgent() {
        UUID service = Api.service("scheduled");
        Instant slot = freshSlot();
        Api.scheduledNormal("Planned work", slot, Duration.ofHours(2), List.of(service), List.of());
        String id = create(ofType("EMERGENCY", "Fix outage", slot, Duration.ofHours(1), List.of(service), List.of())).getString("id");
        command(rita(), id, "submit", null);
        command(as("ed", Roles.CHANGE_MANAGER), id, "approve", Map.of("comment", "go"));
        rita().body(Map.of()).post(CHANGES + "/" + id + "/schedule").then().statusCode(409).contentType(PROBLEM)
                .body("conflicts", hasSize(1));
        JsonPath s = command(rita(), id, "schedule", Map.of("override", true, "justification", "P1 outage"));
        assertEquals("EMERGENCY_CHANGE", s.getString("conflictOverride.reason"));
        assertEquals("rita", s.getString("conflictOverride.overriddenBy"));
    }

    @Test
    void blackoutWindowsGlobalOrPerServiceAreConflicts() {
        UUID service = Api.service("scheduled");
        Instant slot = freshSlot();
        String perService = Api.created(manager(), CHANGES + "/blackout-windows", Map.of("name", "Audit", "startsAt", slot.toString(),
                "endsAt", slot.plus(Duration.ofHours(3)).toString(), "serviceIds", List.of(service)))
                .body("global", equalTo(false)).extract().path("id");
        String id = Api.authorisedNormal("In the audit", slot.plus(Duration.ofHours(1)), Duration.ofHours(1), List.of(service), List.of());
        rita().body(Map.of()).post(CHANGES + "/" + id + "/schedule").then().statusCode(409).contentType(PROBLEM)
                .body("conflicts[0].kind", equalTo("BLACKOUT_WINDOW")).body("conflicts[0].blackoutWindowId", equalTo(perService));
        String unrelated = Api.authorisedNormal("Other service", slot.plus(Duration.ofHours(1)), Duration.ofHours(1),
                List.of(Api.service("elsewhere")), List.of());
        rita().get(CHANGES + "/" + unrelated + "/conflicts").then().statusCode(200).body("schedulable", equalTo(true));

        Instant globalSlot = freshSlot();
        manager().body(Map.of("name", "Freeze", "startsAt", globalSlot.toString(), "endsAt", globalSlot.plus(Duration.ofHours(1)).toString()))
                .post(CHANGES + "/blackout-windows").then().statusCode(201).body("global", equalTo(true));
        String anyService = Api.authorisedNormal("During freeze", globalSlot.plus(Duration.ofMinutes(59)), Duration.ofHours(1),
                List.of(Api.service("elsewhere")), List.of());
        rita().get(CHANGES + "/" + anyService + "/conflicts").then().statusCode(200)
                .body("conflicts.kind", equalTo(List.of("BLACKOUT_WINDOW")));
        String after = Api.authorisedNormal("After freeze", globalSlot.plus(Duration.ofHours(1)), Duration.ofHours(1),
                List.of(Api.service("elsewhere")), List.of());
        assertEquals("SCHEDULED", command(rita(), after, "schedule", null).getString("state"), "half-open: may start as the freeze ends");
    }

    @Test
    void aNormalChangeMustLieInsideItsServicesMaintenanceWindowInTheServiceTimeZone() {
        UUID service = Api.service("scheduled");
        Instant slot = freshSlot();
        ZonedDateTime local = slot.atZone(ZoneId.of("Asia/Tokyo"));
        Api.created(manager(), CHANGES + "/maintenance-windows", Map.of("serviceId", service, "name", "Nightly", "daysOfWeek",
                List.of(local.getDayOfWeek().name()), "startTime", local.format(DateTimeFormatter.ofPattern("HH:mm")),
                "durationMinutes", 90, "timeZone", "Asia/Tokyo"));
        String inside = Api.authorisedNormal("Inside", slot, Duration.ofMinutes(90), List.of(service), List.of());
        assertEquals("SCHEDULED", command(rita(), inside, "schedule", Map.of()).getString("state"));
        String outside = Api.authorisedNormal("Outside", slot.plus(Duration.ofHours(3)), Duration.ofMinutes(30), List.of(service), List.of());
        rita().body(Map.of()).post(CHANGES + "/" + outside + "/schedule").then().statusCode(409).contentType(PROBLEM)
                .body("conflicts[0].kind", equalTo("OUTSIDE_MAINTENANCE_WINDOW")).body("conflicts[0].serviceId", equalTo(service.toString()));
        manager().body(Map.of("serviceId", service, "name", "x", "daysOfWeek", List.of("MONDAY"), "startTime", "25:00",
                "durationMinutes", 0, "timeZone", "Mars/Olympus")).post(CHANGES + "/maintenance-windows")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("startTime"));
        manager().body(Map.of("serviceId", service, "name", "x", "daysOfWeek", List.of("MONDAY"), "startTime", "01:00",
                "durationMinutes", 60, "timeZone", "Mars/Olympus")).post(CHANGES + "/maintenance-windows")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("timeZone"));
    }

    @Test
    void movingAScheduledChangeIsCheckedAgain() {
        UUID service = Api.service("scheduled");
        Instant slot = freshSlot();
        Api.scheduledNormal("Fixed", slot, Duration.ofHours(1), List.of(service), List.of());
        String moving = Api.scheduledNormal("Moving", slot.plus(Duration.ofHours(2)), Duration.ofHours(1), List.of(service), List.of());
        String etag = rita().get(CHANGES + "/" + moving).then().extract().header("ETag");
        rita().header("If-Match", etag).contentType("application/merge-patch+json")
                .body(Map.of("plannedStart", slot.plus(Duration.ofMinutes(30)).toString())).patch(CHANGES + "/" + moving)
                .then().statusCode(409).contentType(PROBLEM).body("conflicts", hasSize(1));
        rita().header("If-Match", etag).contentType("application/merge-patch+json")
                .body(Map.of("plannedStart", slot.plus(Duration.ofHours(3)).toString(), "plannedEnd", slot.plus(Duration.ofHours(4)).toString()))
                .patch(CHANGES + "/" + moving).then().statusCode(200).body("state", equalTo("SCHEDULED"));
        var events = TopicReader.await("itsm.change.events", 1, Duration.ofSeconds(30),
                r -> moving.equals(r.key()) && r.value().contains("\"rescheduled\":true"));
        assertEquals(slot.plus(Duration.ofHours(3)).toString(), new JsonPath(events.get(0).value()).getString("plannedStart"));
    }

    @Test
    void twoOverlappingChangesScheduledAtOnceCannotBothPass() throws Exception {
        UUID service = Api.service("scheduled");
        Instant slot = freshSlot();
        String a = Api.authorisedNormal("Race A", slot, Duration.ofHours(1), List.of(service), List.of());
        String b = Api.authorisedNormal("Race B", slot, Duration.ofHours(1), List.of(service), List.of());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var fa = pool.submit(() -> rita().body(Map.of()).post(CHANGES + "/" + a + "/schedule").statusCode());
            var fb = pool.submit(() -> rita().body(Map.of()).post(CHANGES + "/" + b + "/schedule").statusCode());
            assertEquals(List.of(200, 409), java.util.stream.Stream.of(fa.get(), fb.get()).sorted().toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void previewNeedsAWindow() {
        Map<String, Object> body = Api.normal("No window", freshSlot(), Duration.ofHours(1), List.of(), List.of());
        body.remove("plannedStart");
        body.remove("plannedEnd");
        String id = create(body).getString("id");
        rita().get(CHANGES + "/" + id + "/conflicts").then().statusCode(422).contentType(PROBLEM);
    }
}
