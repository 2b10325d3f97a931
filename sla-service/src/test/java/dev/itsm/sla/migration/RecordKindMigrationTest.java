package dev.itsm.sla.migration;

import static dev.itsm.sla.SlaTestSupport.TWENTY_FOUR_SEVEN;
import static dev.itsm.sla.SlaTestSupport.admin;
import static dev.itsm.sla.SlaTestSupport.knownService;
import static dev.itsm.sla.SlaTestSupport.reader;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.itsm.sla.SlaTestSupport.Incident;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * V6__record_kinds.sql on data written before it: a scratch schema is migrated to V5 with Flyway, gets an agreement
 * (current definition + revision), an incident read model and a running timer exactly as the V5 code wrote them,
 * and is migrated on. The migrated rows are checked in SQL, then copied into the service's own schema and used
 * through the API: the agreement reads and edits as an INCIDENT agreement, the timer reads as an INCIDENT timer of
 * its incident and stops on that incident's next event. A timer row written the old way after V6 (an instance of the
 * previous version during a rolling upgrade) is an incident timer too.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class RecordKindMigrationTest {

    static final TestClock CLOCK = TestClock.INSTANCE;
    static final String URL = TestInfrastructure.database("itsm_sla");

    @AfterEach
    void resetClock() {
        CLOCK.reset();
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, TestInfrastructure.dbUser(), TestInfrastructure.dbPassword());
    }

    static Flyway flyway(String schema, String target) {
        var config = Flyway.configure().dataSource(URL, TestInfrastructure.dbUser(), TestInfrastructure.dbPassword())
                .schemas(schema).locations("classpath:db/migration");
        return (target == null ? config : config.target(target)).load();
    }

    /** An agreement definition as the V5 code stored it (normalised, no recordKind, no scope.offeringIds). */
    static String oldDefinition(String name, UUID serviceId) {
        return """
                {"name":"%s","type":"SLA","supplier":null,"scope":{"allServices":false,"serviceIds":["%s"]},
                 "appliesTo":{"priorities":[],"categories":[]},"calendarId":"%s",
                 "targets":[{"metric":"TIME_TO_RESOLVE","priority":"P1","duration":"PT4H"}],
                 "pauseConditions":{"states":["ON_HOLD"],"holdReasons":[]},"warningThresholds":[50,75]}"""
                .formatted(name, serviceId, TWENTY_FOUR_SEVEN);
    }

    static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i] instanceof Instant at ? Timestamp.from(at) : args[i]);
            }
            ps.execute();
        }
    }

    static List<String> row(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(rs.getString(i));
                }
                return values;
            }
        }
    }

    /** Writes a timer the way the V5 code did: no record columns. */
    static void oldTimer(Connection c, String table, UUID timerId, Incident inc, UUID serviceId, UUID agreementId, String agreementName,
            Instant t0) throws SQLException {
        exec(c, "insert into " + table + """
                 (id, incident_id, incident_number, service_id, agreement_id, agreement_revision, agreement_name, calendar_id,
                  metric, priority, target_millis, warning_thresholds, warned_percent, phase, breached, started_at, running_since,
                  accumulated_millis, due_at, next_check_at, last_change_at, updated_at, version)
                values (?, ?, ?, ?, ?, 1, ?, ?::uuid, 'TIME_TO_RESOLVE', 'P1', 14400000, '[50, 75]'::jsonb, 0, 'RUNNING', false, ?, ?, 0, ?, ?, ?, ?, 0)""",
                timerId, inc.id, inc.facts.get("number"), serviceId, agreementId, agreementName, TWENTY_FOUR_SEVEN, t0, t0,
                t0.plus(Duration.ofHours(4)), t0.plus(Duration.ofHours(2)), t0, Instant.now());
    }

    @Test
    void agreementsAndTimersWrittenBeforeV6AreIncidentOnesAndKeepWorkingThroughTheApi() throws Exception {
        String schema = "pre_v6_" + UUID.randomUUID().toString().substring(0, 8);
        UUID service = knownService();
        UUID agreementId = UUID.randomUUID();
        String name = "Pre-V6 gold " + agreementId;
        UUID timerId = UUID.randomUUID();
        // dated a day ahead, so the scheduler has nothing to announce while the test drives the timer
        Instant t0 = CLOCK.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        Incident inc = new Incident(service, "P1", t0);

        flyway(schema, "5").migrate();
        try (Connection c = connect()) {
            exec(c, "insert into " + schema + ".sla_agreement (id, name, type, status, revision, calendar_id, definition, created_at, updated_at, version) "
                    + "values (?, ?, 'SLA', 'ACTIVE', 1, ?::uuid, ?::jsonb, ?, ?, 0)", agreementId, name, TWENTY_FOUR_SEVEN,
                    oldDefinition(name, service), Instant.now(), Instant.now());
            exec(c, "insert into " + schema + ".sla_agreement_revision (agreement_id, revision, definition, created_at) values (?, 1, ?::jsonb, ?)",
                    agreementId, oldDefinition(name, service), Instant.now());
            exec(c, "insert into " + schema + ".sla_incident (incident_id, number, service_id, category, priority, state, opened_at, last_event_at, version) "
                    + "values (?, ?, ?, 'email', 'P1', 'NEW', ?, ?, 0)", inc.id, inc.facts.get("number"), service, t0, t0);
            oldTimer(c, schema + ".sla_timer", timerId, inc, service, agreementId, name, t0);
        }

        flyway(schema, null).migrate();
        try (Connection c = connect()) {
            assertEquals(List.of("INCIDENT", inc.id.toString(), (String) inc.facts.get("number"), inc.id.toString(), "P1"),
                    row(c, "select record_kind, record_id, record_number, incident_id, priority from " + schema + ".sla_timer where id = ?", timerId));
            assertEquals(List.of("INCIDENT", "INCIDENT", "[]", "INCIDENT", "[]"), row(c, """
                    select a.record_kind, a.definition->>'recordKind', a.definition->'scope'->>'offeringIds',
                           r.definition->>'recordKind', r.definition->'scope'->>'offeringIds'
                    from %1$s.sla_agreement a join %1$s.sla_agreement_revision r on r.agreement_id = a.id where a.id = ?""".formatted(schema),
                    agreementId));
            // the migrated rows become the service's own: same migrations, same column order
            exec(c, "insert into sla_agreement select * from " + schema + ".sla_agreement");
            exec(c, "insert into sla_agreement_revision select * from " + schema + ".sla_agreement_revision");
            exec(c, "insert into sla_incident select * from " + schema + ".sla_incident");
            String columns = row(c, "select string_agg(column_name, ', ' order by ordinal_position) from information_schema.columns "
                    + "where table_schema = 'public' and table_name = 'sla_timer' and is_generated = 'NEVER'").get(0);
            exec(c, "insert into sla_timer (" + columns + ") select " + columns + " from " + schema + ".sla_timer");
            exec(c, "drop schema " + schema + " cascade");
        }

        reader().get("/api/v1/sla/agreements/" + agreementId).then().statusCode(200)
                .body("recordKind", equalTo("INCIDENT")).body("scope.offeringIds", empty())
                .body("targets[0].priority", equalTo("P1"));
        reader().get("/api/v1/sla/timers/" + timerId).then().statusCode(200)
                .body("recordKind", equalTo("INCIDENT")).body("recordId", equalTo(inc.id.toString()))
                .body("incidentId", equalTo(inc.id.toString())).body("recordNumber", equalTo(inc.facts.get("number")))
                .body("offeringId", nullValue()).body("state", equalTo("RUNNING"));
        reader().queryParam("incidentId", inc.id).get("/api/v1/sla/timers").then().statusCode(200).body("items.id", equalTo(List.of(timerId.toString())));

        // the old timer follows its incident: resolved an hour in → met, one hour counted
        inc.set("state", "RESOLVED").publish("IncidentResolved", t0.plus(Duration.ofHours(1)), "resolutionCode", "FIXED");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> "MET".equals(
                reader().get("/api/v1/sla/timers/" + timerId).then().extract().path("state")));
        reader().get("/api/v1/sla/timers/" + timerId).then().body("elapsedBusinessSeconds", equalTo(3600));

        // the old agreement edits as an incident agreement (its next revision says so)
        String etag = reader().get("/api/v1/sla/agreements/" + agreementId).then().extract().header("ETag");
        admin().contentType("application/merge-patch+json").header("If-Match", etag).body("{\"warningThresholds\":[60]}")
                .patch("/api/v1/sla/agreements/" + agreementId).then().statusCode(200)
                .body("revision", equalTo(2)).body("recordKind", equalTo("INCIDENT")).body("warningThresholds", equalTo(List.of(60)));
    }

    @Test
    void aTimerRowWrittenTheOldWayAfterV6IsAnIncidentTimerOfItsIncident() throws Exception {
        UUID service = knownService();
        String agreementId = dev.itsm.sla.SlaTestSupport.agreement("Rolling " + service, service, TWENTY_FOUR_SEVEN,
                List.of(dev.itsm.sla.SlaTestSupport.target("TIME_TO_RESOLVE", "P1", "PT4H")), java.util.Map.of());
        Instant t0 = CLOCK.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        Incident inc = new Incident(service, "P1", t0);
        UUID timerId = UUID.randomUUID();
        try (Connection c = connect()) {
            oldTimer(c, "sla_timer", timerId, inc, service, UUID.fromString(agreementId), "Rolling " + service, t0);
        }
        reader().get("/api/v1/sla/timers/" + timerId).then().statusCode(200)
                .body("recordKind", equalTo("INCIDENT")).body("recordId", equalTo(inc.id.toString()))
                .body("recordNumber", equalTo(inc.facts.get("number")));
    }
}
