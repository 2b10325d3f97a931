package dev.itsm.sla.timer;

import static dev.itsm.sla.SlaTestSupport.SLA_TOPIC;
import static dev.itsm.sla.SlaTestSupport.TWENTY_FOUR_SEVEN;
import static dev.itsm.sla.SlaTestSupport.agreement;
import static dev.itsm.sla.SlaTestSupport.knownService;
import static dev.itsm.sla.SlaTestSupport.reader;
import static dev.itsm.sla.SlaTestSupport.target;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.sla.SlaTestSupport.Incident;
import dev.itsm.sla.SqlCapture;
import dev.itsm.testing.AsyncApiValidator;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * Incident event sequences published on the real broker drive the timers. The exact-arithmetic
 * scenarios use event times a day ahead of the clock so the scheduler cannot interleave with them;
 * the warning/breach scenario moves the test clock through the warning windows instead of waiting.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class TimerFlowTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final TestClock CLOCK = TestClock.INSTANCE;
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource ds;

    @AfterEach
    void resetClock() {
        CLOCK.reset();
    }

    static Instant future() {
        return CLOCK.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    }

    static JsonPath timers(UUID incidentId) {
        return reader().queryParam("incidentId", incidentId).get("/api/v1/sla/timers").then().statusCode(200).extract().jsonPath();
    }

    static Map<String, Object> timer(UUID incidentId, String metric) {
        return timers(incidentId).getMap("items.find { it.metric == '" + metric + "' }");
    }

    static void awaitTimer(UUID incidentId, String metric, Predicate<Map<String, Object>> condition) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<String, Object> t = timer(incidentId, metric);
            return t != null && condition.test(t);
        });
    }

    long outboxCount(UUID incidentId, String type) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from outbox_event where aggregate_id = ? and event_type = ?")) {
            ps.setString(1, incidentId.toString());
            ps.setString(2, "dev.itsm.sla." + type);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static List<Map<String, Object>> standardTargets() {
        return List.of(target("TIME_TO_RESPOND", "P3", "PT1H"), target("TIME_TO_RESOLVE", "P3", "PT8H"),
                target("TIME_TO_RESPOND", "P2", "PT30M"), target("TIME_TO_RESOLVE", "P2", "PT4H"),
                target("TIME_TO_RESOLVE", "P1", "PT2H"));
    }

    @Test
    void openHoldPriorityChangeResumeResolveReopenResolve() throws Exception {
        UUID service = knownService();
        String agreementId = agreement("Flow " + service, service, TWENTY_FOUR_SEVEN, standardTargets(),
                Map.of("pauseConditions", Map.of("states", List.of("ON_HOLD"), "holdReasons", List.of("AWAITING_CALLER"))));
        Instant t0 = future();
        Incident inc = new Incident(service, "P3", t0);
        inc.publish("IncidentOpened", t0);
        inc.set("state", "IN_PROGRESS").publish("IncidentAcknowledged", t0.plus(Duration.ofMinutes(10)));
        inc.set("state", "ON_HOLD").publish("IncidentPutOnHold", t0.plus(Duration.ofMinutes(30)), "holdReason", "AWAITING_CALLER");
        inc.set("priority", "P2").publish("IncidentPriorityChanged", t0.plus(Duration.ofMinutes(60)), "previousPriority", "P3");
        inc.set("state", "IN_PROGRESS").publish("IncidentResumed", t0.plus(Duration.ofMinutes(90)));

        awaitTimer(inc.id, "TIME_TO_RESOLVE", t -> "RUNNING".equals(t.get("state")) && "P2".equals(t.get("priority")));
        Map<String, Object> running = timer(inc.id, "TIME_TO_RESOLVE");
        assertEquals(14400, running.get("targetSeconds"), "re-targeted to P2 while paused");
        assertEquals(t0.plus(Duration.ofMinutes(90 + 210)).toString(), running.get("dueAt"), "30 min counted, 3h30 left from the resume");
        assertEquals(agreementId, running.get("agreementId"));

        inc.set("state", "RESOLVED").publish("IncidentResolved", t0.plus(Duration.ofMinutes(120)), "resolutionCode", "FIXED");
        inc.set("state", "IN_PROGRESS").publish("IncidentReopened", t0.plus(Duration.ofMinutes(150)), "reason", "still broken");
        inc.set("state", "RESOLVED").publish("IncidentResolved", t0.plus(Duration.ofMinutes(170)), "resolutionCode", "FIXED");

        awaitTimer(inc.id, "TIME_TO_RESOLVE", t -> "MET".equals(t.get("state")) && ((List<?>) t.get("pauses")).size() == 2);
        JsonPath all = timers(inc.id);
        assertEquals(2, all.getInt("total"), "one timer per metric, the reopen resumed the same resolution timer");
        Map<String, Object> resolve = timer(inc.id, "TIME_TO_RESOLVE");
        assertEquals(4800, resolve.get("elapsedBusinessSeconds"), "0-30 + 90-120 + 150-170 minutes");
        assertEquals(14400 - 4800, resolve.get("remainingBusinessSeconds"));
        assertEquals(33.3f, ((Number) resolve.get("percent")).floatValue());
        List<Map<String, Object>> pauses = (List<Map<String, Object>>) resolve.get("pauses");
        assertEquals("ON_HOLD:AWAITING_CALLER", pauses.get(0).get("reason"));
        assertEquals(t0.plus(Duration.ofMinutes(30)).toString(), pauses.get(0).get("pausedAt"));
        assertEquals(t0.plus(Duration.ofMinutes(90)).toString(), pauses.get(0).get("resumedAt"));
        assertEquals("RESOLVED", pauses.get(1).get("reason"));
        assertEquals(t0.plus(Duration.ofMinutes(120)).toString(), pauses.get(1).get("pausedAt"));
        Map<String, Object> respond = timer(inc.id, "TIME_TO_RESPOND");
        assertEquals("MET", respond.get("state"));
        assertEquals(600, respond.get("elapsedBusinessSeconds"));

        // the SLA events, in order, with CloudEvents headers, keyed by the incident
        List<Received> events = TopicReader.await(SLA_TOPIC, 9, WAIT, r -> inc.id.toString().equals(r.key()));
        assertEquals(List.of("SlaTimerStarted", "SlaTimerStarted", "SlaMet", "SlaTimerPaused", "SlaTimerRetargeted", "SlaTimerResumed", "SlaMet",
                "SlaTimerResumed", "SlaMet"), events.stream().map(r -> r.ceType().substring("dev.itsm.sla.".length())).toList());
        for (Received r : events) {
            assertEquals("1.0", r.header("ce_specversion"));
            assertEquals("/itsm/sla-service", r.header("ce_source"));
            assertEquals(inc.id.toString(), r.header("ce_subject"));
            assertNotNull(r.ceId());
            assertNotNull(r.header("ce_time"));
            assertTrue(r.header("content-type").startsWith("application/json"));
        }
        JsonPath lastMet = JsonPath.from(events.get(8).value());
        assertEquals("TIME_TO_RESOLVE", lastMet.getString("metric"));
        assertEquals("MET", lastMet.getString("state"));
        assertEquals(4800, lastMet.getLong("elapsedBusinessSeconds"));
        assertEquals("P2", lastMet.getString("priority"));

        // the compliance report counts the reopened incident once
        reader().queryParam("from", t0.minusSeconds(60).toString()).queryParam("to", t0.plusSeconds(60).toString())
                .queryParam("serviceId", service.toString())
                .get("/api/v1/sla/reports/compliance").then().statusCode(200)
                .body("metrics.find { it.metric == 'TIME_TO_RESOLVE' }.met", equalTo(1))
                .body("metrics.find { it.metric == 'TIME_TO_RESOLVE' }.breached", equalTo(0))
                .body("metrics.find { it.metric == 'TIME_TO_RESOLVE' }.compliancePercent", equalTo(100.0f))
                .body("metrics.find { it.metric == 'TIME_TO_RESOLVE' }.meanSeconds", equalTo(4800.0f))
                .body("metrics.find { it.metric == 'TIME_TO_RESOLVE' }.p90Seconds", equalTo(4800))
                .body("metrics.find { it.metric == 'TIME_TO_RESPOND' }.medianSeconds", equalTo(600));
        String csv = reader().accept("text/csv").queryParam("from", t0.minusSeconds(60).toString())
                .queryParam("to", t0.plusSeconds(60).toString()).queryParam("agreementId", agreementId)
                .get("/api/v1/sla/reports/compliance").then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        assertEquals("metric,met,breached,running,canceled,compliancePercent,meanSeconds,medianSeconds,p90Seconds\n"
                + "TIME_TO_RESPOND,1,0,0,0,100.0,600.0,600,600\n"
                + "TIME_TO_RESOLVE,1,0,0,0,100.0,4800.0,4800,4800\n", csv);
    }

    @Test
    void startingClocksReadsTheActiveAgreementsIdsAndRevisionsNotTheirDefinitions() {
        UUID service = knownService();
        agreement("Ids only " + service, service, TWENTY_FOUR_SEVEN, List.of(target("TIME_TO_RESOLVE", "P2", "PT8H")), Map.of());
        Instant t0 = future();
        Incident inc = new Incident(service, "P2", t0);
        List<String> sql = SqlCapture.during(() -> {
            inc.publish("IncidentOpened", t0);
            awaitTimer(inc.id, "TIME_TO_RESOLVE", t -> "RUNNING".equals(t.get("state")));
        });
        // every incident seen first asks which agreements are ACTIVE; loading them as entities parsed (and, for dirty
        // checking, copied) each one's jsonb definition per incident — the terms come from the revision cache instead
        List<String> agreements = sql.stream().filter(q -> q.matches("(?s).*from sla_agreement\\s.*")).toList();
        assertFalse(agreements.isEmpty(), "the ACTIVE agreements were looked up: " + sql);
        assertTrue(agreements.stream().noneMatch(q -> q.contains("definition")), agreements.toString());
    }

    @Test
    void warningsAndTheBreachAreDetectedWithoutAnyFurtherIncidentEventAndAnnouncedOnce() throws Exception {
        UUID service = knownService();
        agreement("Hour " + service, service, TWENTY_FOUR_SEVEN, List.of(target("TIME_TO_RESOLVE", "P1", "PT1H")), Map.of());
        Instant opened = CLOCK.instant().truncatedTo(ChronoUnit.MILLIS);
        Incident inc = new Incident(service, "P1", opened);
        inc.publish("IncidentOpened", opened);
        awaitTimer(inc.id, "TIME_TO_RESOLVE", t -> "RUNNING".equals(t.get("state")));
        assertEquals(List.of("SlaTimerStarted"), slaEvents(inc.id, 1));

        CLOCK.advance(Duration.ofMinutes(31)); // past 50 %: the scheduler (every 200 ms in tests) warns once
        assertEquals(List.of("SlaTimerStarted", "SlaWarning"), slaEvents(inc.id, 2));
        CLOCK.advance(Duration.ofMinutes(15)); // 46 min: past 75 %
        assertEquals(List.of("SlaTimerStarted", "SlaWarning", "SlaWarning"), slaEvents(inc.id, 3));
        CLOCK.advance(Duration.ofMinutes(15)); // 61 min: past the target
        awaitTimer(inc.id, "TIME_TO_RESOLVE", t -> "BREACHED".equals(t.get("state")));
        List<Received> events = TopicReader.await(SLA_TOPIC, 4, WAIT, r -> inc.id.toString().equals(r.key()));
        assertEquals(List.of("SlaTimerStarted", "SlaWarning", "SlaWarning", "SlaBreached"),
                events.stream().map(r -> r.ceType().substring("dev.itsm.sla.".length())).toList());
        assertEquals(50, JsonPath.from(events.get(1).value()).getInt("thresholdPercent"));
        assertEquals(75, JsonPath.from(events.get(2).value()).getInt("thresholdPercent"));
        JsonPath breached = JsonPath.from(events.get(3).value());
        assertEquals("BREACHED", breached.getString("state"));
        assertEquals(opened.plus(Duration.ofHours(1)).toString(), breached.getString("dueAt"));
        assertEquals(opened.plus(Duration.ofHours(1)).toString(), timer(inc.id, "TIME_TO_RESOLVE").get("breachedAt"),
                "breached at the due time, whenever the scheduler noticed");
        // later scheduler rounds announce nothing more; resolving now emits no SlaMet
        CLOCK.advance(Duration.ofMinutes(30));
        inc.set("state", "RESOLVED").publish("IncidentResolved", CLOCK.instant());
        await().atMost(WAIT).until(() -> timer(inc.id, "TIME_TO_RESOLVE").get("stoppedAt") != null);
        assertEquals(1, outboxCount(inc.id, "SlaBreached"));
        assertEquals(2, outboxCount(inc.id, "SlaWarning"));
        assertEquals(0, outboxCount(inc.id, "SlaMet"));
        assertEquals("BREACHED", timer(inc.id, "TIME_TO_RESOLVE").get("state"));
    }

    /** The names of the first {@code n} SLA events of an incident, once that many are on the topic. */
    static List<String> slaEvents(UUID incidentId, int n) {
        return TopicReader.await(SLA_TOPIC, n, WAIT, r -> incidentId.toString().equals(r.key())).stream()
                .map(r -> r.ceType().substring("dev.itsm.sla.".length())).toList();
    }

    @Test
    void aRedeliveredOrDuplicatedOrStaleEventHasNoSecondEffect() throws Exception {
        UUID service = knownService();
        agreement("Dup " + service, service, TWENTY_FOUR_SEVEN, standardTargets(), Map.of());
        Instant t0 = future();
        Incident inc = new Incident(service, "P3", t0);
        String opened = inc.publish("IncidentOpened", t0);
        inc.publishWithId(opened, "IncidentOpened", t0); // redelivery: same ce_id
        inc.publish("IncidentOpened", t0); // the same fact again under a new ce_id
        inc.set("state", "ON_HOLD").publish("IncidentPutOnHold", t0.plusSeconds(600), "holdReason", "AWAITING_CALLER");
        inc.publish("IncidentPutOnHold", t0.plusSeconds(600), "holdReason", "AWAITING_CALLER"); // duplicate fact
        inc.set("state", "IN_PROGRESS").publish("IncidentResumed", t0.plusSeconds(1200));
        inc.set("state", "ON_HOLD").publish("IncidentPutOnHold", t0.plusSeconds(900), "holdReason", "AWAITING_CALLER"); // stale
        String marker = inc.set("state", "IN_PROGRESS").publish("IncidentAssigned", t0.plusSeconds(1800), "assignee", "bob");

        awaitTimer(inc.id, "TIME_TO_RESPOND", t -> "MET".equals(t.get("state")));
        assertEquals(2, timers(inc.id).getInt("total"));
        assertEquals(2, outboxCount(inc.id, "SlaTimerStarted"));
        Map<String, Object> resolve = timer(inc.id, "TIME_TO_RESOLVE");
        assertEquals("RUNNING", resolve.get("state"), "the stale hold did not pause the clock again");
        assertEquals(1, ((List<?>) resolve.get("pauses")).size());
        assertEquals(2, outboxCount(inc.id, "SlaTimerPaused"), "both clocks paused once");
        assertEquals(2, outboxCount(inc.id, "SlaTimerResumed"), "both clocks resumed once");
        assertEquals(1200, timer(inc.id, "TIME_TO_RESPOND").get("elapsedBusinessSeconds"), "respond clock paused on hold too");
        assertNotNull(marker);
    }

    @Test
    void holdReasonsPauseAccordingToEachAgreement() {
        UUID service = knownService();
        String ola = agreement("OLA " + service, service, TWENTY_FOUR_SEVEN, List.of(target("TIME_TO_RESOLVE", "P3", "PT8H")),
                Map.of("type", "OLA", "pauseConditions", Map.of("states", List.of("ON_HOLD"), "holdReasons", List.of("AWAITING_CALLER"))));
        String uc = agreement("UC " + service, service, TWENTY_FOUR_SEVEN, List.of(target("TIME_TO_RESOLVE", "P3", "PT8H")),
                Map.of("type", "UC", "supplier", "Acme", "pauseConditions",
                        Map.of("states", List.of("ON_HOLD"), "holdReasons", List.of("AWAITING_CALLER", "AWAITING_VENDOR"))));
        Instant t0 = future();
        Incident inc = new Incident(service, "P3", t0);
        inc.publish("IncidentOpened", t0);
        inc.set("state", "ON_HOLD").publish("IncidentPutOnHold", t0.plusSeconds(60), "holdReason", "AWAITING_VENDOR");
        await().atMost(WAIT).until(() -> timers(inc.id).getList("items.state").contains("PAUSED"));
        JsonPath all = timers(inc.id);
        assertEquals("RUNNING", all.getString("items.find { it.agreementId == '" + ola + "' }.state"));
        assertEquals("PAUSED", all.getString("items.find { it.agreementId == '" + uc + "' }.state"));
        org.junit.jupiter.api.Assertions.assertNull(all.get("items.find { it.agreementId == '" + uc + "' }.dueAt"));
    }

    @Test
    void anOpenTimerKeepsTheAgreementRevisionItStartedUnder() {
        UUID service = knownService();
        String id = agreement("Versioned " + service, service, TWENTY_FOUR_SEVEN, standardTargets(), Map.of());
        Instant t0 = future();
        Incident inc = new Incident(service, "P3", t0);
        inc.publish("IncidentOpened", t0);
        awaitTimer(inc.id, "TIME_TO_RESOLVE", t -> true);
        dev.itsm.sla.SlaTestSupport.admin().contentType("application/merge-patch+json")
                .body("{\"targets\":[{\"metric\":\"TIME_TO_RESOLVE\",\"priority\":\"P3\",\"duration\":\"PT1H\"},"
                        + "{\"metric\":\"TIME_TO_RESOLVE\",\"priority\":\"P2\",\"duration\":\"PT1H\"}]}")
                .patch("/api/v1/sla/agreements/" + id).then().statusCode(200).body("revision", equalTo(2));
        inc.set("priority", "P2").publish("IncidentPriorityChanged", t0.plusSeconds(60), "previousPriority", "P3");
        awaitTimer(inc.id, "TIME_TO_RESOLVE", t -> "P2".equals(t.get("priority")));
        Map<String, Object> t = timer(inc.id, "TIME_TO_RESOLVE");
        assertEquals(1, t.get("agreementRevision"));
        assertEquals(14400, t.get("targetSeconds"), "revision 1's P2 target, not revision 2's");
        // a new incident starts under revision 2
        Incident later = new Incident(service, "P3", t0);
        later.publish("IncidentOpened", t0);
        awaitTimer(later.id, "TIME_TO_RESOLVE", x -> true);
        assertEquals(2, timer(later.id, "TIME_TO_RESOLVE").get("agreementRevision"));
        assertEquals(3600, timer(later.id, "TIME_TO_RESOLVE").get("targetSeconds"));
    }

    @Test
    void aPriorityChangeToAnExceededTargetBreachesImmediatelyAndCancelEndsTheRest() throws Exception {
        UUID service = knownService();
        agreement("Escalate " + service, service, TWENTY_FOUR_SEVEN, standardTargets(), Map.of());
        Instant t0 = future();
        Incident inc = new Incident(service, "P3", t0);
        inc.publish("IncidentOpened", t0);
        inc.set("state", "IN_PROGRESS").publish("IncidentAcknowledged", t0.plusSeconds(60));
        inc.set("priority", "P1").publish("IncidentPriorityChanged", t0.plus(Duration.ofHours(3)), "previousPriority", "P3");
        awaitTimer(inc.id, "TIME_TO_RESOLVE", t -> "BREACHED".equals(t.get("state")));
        assertEquals(7200, timer(inc.id, "TIME_TO_RESOLVE").get("targetSeconds"));
        assertEquals(1, outboxCount(inc.id, "SlaBreached"));
        inc.set("state", "CANCELED").publish("IncidentCanceled", t0.plus(Duration.ofHours(4)), "reason", "duplicate");
        awaitTimer(inc.id, "TIME_TO_RESOLVE", t -> "CANCELED".equals(t.get("state")));
        assertEquals("MET", timer(inc.id, "TIME_TO_RESPOND").get("state"), "a decided timer stays decided");
        assertEquals(1, outboxCount(inc.id, "SlaTimerCanceled"));
    }

    @Test
    void aPriorityChangePublishesTheNewTargetAndDueTimeOfEveryOpenTimer() throws Exception {
        UUID service = knownService();
        String agreementId = agreement("Retarget " + service, service, TWENTY_FOUR_SEVEN, standardTargets(), Map.of());
        Instant t0 = future();
        Incident inc = new Incident(service, "P3", t0);
        inc.publish("IncidentOpened", t0);
        inc.set("priority", "P2").publish("IncidentPriorityChanged", t0.plus(Duration.ofMinutes(10)), "previousPriority", "P3");

        List<Received> retargeted = TopicReader.await(SLA_TOPIC, 2, WAIT,
                r -> inc.id.toString().equals(r.key()) && r.ceType().equals("dev.itsm.sla.SlaTimerRetargeted"));
        AsyncApiValidator.load().assertValid(retargeted);
        Map<String, JsonNode> byMetric = new HashMap<>();
        for (Received r : retargeted) {
            JsonNode p = JSON.readTree(r.value());
            byMetric.put(p.path("metric").asText(), p);
        }
        JsonNode respond = byMetric.get("TIME_TO_RESPOND");
        assertEquals(agreementId, respond.path("agreementId").asText());
        assertEquals("P2", respond.path("priority").asText());
        assertEquals("RUNNING", respond.path("state").asText());
        assertEquals(1800, respond.path("targetSeconds").asLong());
        assertEquals(t0.plus(Duration.ofMinutes(30)), Instant.parse(respond.path("dueAt").asText()));
        assertEquals(3600, respond.path("previousTargetSeconds").asLong());
        assertEquals(t0.plus(Duration.ofHours(1)), Instant.parse(respond.path("previousDueAt").asText()));
        assertEquals(600, respond.path("elapsedBusinessSeconds").asLong());
        JsonNode resolve = byMetric.get("TIME_TO_RESOLVE");
        assertEquals(4 * 3600, resolve.path("targetSeconds").asLong());
        assertEquals(t0.plus(Duration.ofHours(4)), Instant.parse(resolve.path("dueAt").asText()));
        assertEquals(8 * 3600, resolve.path("previousTargetSeconds").asLong());
        assertEquals(t0.plus(Duration.ofHours(8)), Instant.parse(resolve.path("previousDueAt").asText()));
        // the timer as REST shows it says the same
        assertEquals(1800, timer(inc.id, "TIME_TO_RESPOND").get("targetSeconds"));
    }

    boolean known(UUID incidentId) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from sla_incident where incident_id = ?")) {
            ps.setObject(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }

    @Test
    void incidentsOutsideTheScopeOrConditionsGetNoTimerAndAMissedOpenStillStartsTheClock() throws Exception {
        UUID service = knownService();
        agreement("Scoped " + service, service, TWENTY_FOUR_SEVEN, standardTargets(),
                Map.of("appliesTo", Map.of("priorities", List.of("P1", "P2", "P3"), "categories", List.of("email"))));
        Instant t0 = future();
        Incident other = new Incident(UUID.randomUUID(), "P3", t0);
        other.publish("IncidentOpened", t0);
        Incident network = new Incident(service, "P3", t0).set("category", "network");
        network.publish("IncidentOpened", t0);
        // first event we ever see for this incident is an assignment: clocks start at openedAt
        Incident late = new Incident(service, "P3", t0).set("state", "IN_PROGRESS");
        late.publish("IncidentAssigned", t0.plusSeconds(300), "assignee", "bob");
        awaitTimer(late.id, "TIME_TO_RESPOND", t -> "MET".equals(t.get("state")));
        assertEquals(300, timer(late.id, "TIME_TO_RESPOND").get("elapsedBusinessSeconds"));
        assertEquals("RUNNING", timer(late.id, "TIME_TO_RESOLVE").get("state"));
        await().atMost(WAIT).until(() -> known(other.id) && known(network.id));
        assertEquals(0, timers(other.id).getInt("total"));
        assertEquals(0, timers(network.id).getInt("total"));
    }

    @Test
    void anIncidentOpenedOnSaturdayNightUnderOfficeHoursIsDueMondayAndWeekendPausesAreNotCounted() {
        String calendarId = dev.itsm.sla.SlaTestSupport.admin().body(Map.of("name", "Office " + UUID.randomUUID(), "timeZone", "Europe/Berlin",
                "weeklyHours", Map.of("MONDAY", List.of(Map.of("start", "09:00", "end", "17:00")),
                        "TUESDAY", List.of(Map.of("start", "09:00", "end", "17:00")),
                        "WEDNESDAY", List.of(Map.of("start", "09:00", "end", "17:00")),
                        "THURSDAY", List.of(Map.of("start", "09:00", "end", "17:00")),
                        "FRIDAY", List.of(Map.of("start", "09:00", "end", "17:00"))),
                "holidays", List.of(Map.of("date", "2027-12-01", "name", "Company day", "yearly", false))))
                .post("/api/v1/sla/calendars").then().statusCode(201).extract().path("id");
        UUID service = knownService();
        agreement("Office " + service, service, calendarId, List.of(target("TIME_TO_RESOLVE", "P3", "PT12H")), Map.of());
        Instant saturday = Instant.parse("2027-11-27T21:00:00Z"); // Saturday 22:00 in Berlin
        // the consumer takes no event dated after its clock (plus a few minutes): live on Tuesday morning, after every event here
        CLOCK.advance(Duration.between(CLOCK.instant(), Instant.parse("2027-11-30T10:05:00Z")));
        Incident inc = new Incident(service, "P3", saturday);
        inc.publish("IncidentOpened", saturday);
        awaitTimer(inc.id, "TIME_TO_RESOLVE", t -> t.get("dueAt") != null);
        // counting starts Monday 09:00: 8h Monday + 4h Tuesday -> Tuesday 13:00 CET
        assertEquals("2027-11-30T12:00:00Z", timer(inc.id, "TIME_TO_RESOLVE").get("dueAt"));
        // on hold Monday 11:00 -> Tuesday 11:00 CET; Wednesday 1 Dec is a holiday
        inc.set("state", "ON_HOLD").publish("IncidentPutOnHold", Instant.parse("2027-11-29T10:00:00Z"), "holdReason", "AWAITING_CALLER");
        inc.set("state", "IN_PROGRESS").publish("IncidentResumed", Instant.parse("2027-11-30T10:00:00Z"));
        awaitTimer(inc.id, "TIME_TO_RESOLVE", t -> "RUNNING".equals(t.get("state")) && !((List<?>) t.get("pauses")).isEmpty());
        // 2h counted Monday (09-11 CET), paused until Tuesday 11:00 CET, 10h left: Tue 11-17 (6h), Wed holiday, Thu 09-13
        assertEquals("2027-12-02T12:00:00Z", timer(inc.id, "TIME_TO_RESOLVE").get("dueAt"));
    }

    @Test
    void anUnusableIncidentEventGoesToTheDeadLetterTopicAndConsumptionGoesOn() throws Exception {
        UUID service = knownService();
        agreement("Poison " + service, service, TWENTY_FOUR_SEVEN, standardTargets(), Map.of());
        Instant t0 = future();
        Incident bad = new Incident(service, "P3", t0).set("incidentId", "not-a-uuid");
        String badId = bad.publish("IncidentOpened", t0);
        Incident good = new Incident(service, "P3", t0);
        good.publish("IncidentOpened", t0);
        awaitTimer(good.id, "TIME_TO_RESOLVE", t -> true);
        List<Received> dead = TopicReader.await(dev.itsm.sla.SlaTestSupport.INCIDENT_TOPIC + ".dlq", 1, WAIT, r -> badId.equals(r.ceId()));
        assertEquals("dev.itsm.platform.events.PoisonEventException", dead.get(0).header("dlq_error_class"));
    }
}
