package dev.itsm.sla.report;

import static dev.itsm.sla.SlaTestSupport.PROBLEM;
import static dev.itsm.sla.SlaTestSupport.reader;
import static dev.itsm.sla.SlaTestSupport.requestAgreement;
import static dev.itsm.sla.SlaTestSupport.requestTarget;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.sla.SlaTestSupport.ServiceRequest;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The compliance report of service requests (recordKind=REQUEST), driven by real request events: met, breached and
 * canceled per metric (canceled and rejected requests are outside the percentage), the offering filter, and the report
 * without recordKind staying the incident report it always was.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class RequestComplianceReportTest {

    static final Map<String, Object> LEVEL = Map.of("level", 1, "name", "Budget (sponsor)", "rule", "ANY", "quorum", 1, "approvers", List.of("sally"));

    @Test
    void requestsAreReportedPerRequestMetricAndTheDefaultReportStaysTheIncidentOne() {
        UUID offering = UUID.randomUUID();
        UUID agreement = UUID.fromString(requestAgreement("Report " + offering, List.of(offering), List.of(),
                List.of(requestTarget("TIME_TO_APPROVE", "PT1H"), requestTarget("TIME_TO_FULFIL", "PT10H"))));
        // a day ahead of the clock: only the events decide, the scheduler has nothing due
        Instant t0 = TestClock.INSTANCE.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);

        ServiceRequest inTime = new ServiceRequest(offering, List.of(), t0);
        inTime.set("state", "AWAITING_APPROVAL").publish("ServiceRequestSubmitted", t0);
        inTime.set("state", "APPROVED").publish("RequestApproved", t0.plus(Duration.ofMinutes(30)), "automatic", false, "approver", "sally");
        inTime.set("state", "FULFILLED").publish("ServiceRequestFulfilled", t0.plus(Duration.ofHours(5)));

        ServiceRequest late = new ServiceRequest(offering, List.of(), t0);
        late.set("state", "AWAITING_APPROVAL").publish("ServiceRequestSubmitted", t0);
        late.set("state", "APPROVED").publish("RequestApproved", t0.plus(Duration.ofHours(2)), "automatic", false, "approver", "sally");
        late.set("state", "FULFILLED").publish("ServiceRequestFulfilled", t0.plus(Duration.ofHours(12)));

        ServiceRequest canceled = new ServiceRequest(offering, List.of(), t0);
        canceled.set("state", "AWAITING_APPROVAL").publish("ServiceRequestSubmitted", t0);
        canceled.set("state", "CANCELED").publish("ServiceRequestCanceled", t0.plus(Duration.ofMinutes(10)), "reason", "ordered twice");

        ServiceRequest rejected = new ServiceRequest(offering, List.of(), t0);
        rejected.set("state", "AWAITING_APPROVAL").publish("ServiceRequestSubmitted", t0);
        rejected.set("state", "REJECTED").publish("RequestRejected", t0.plus(Duration.ofMinutes(20)), "level", LEVEL, "approver", "sally",
                "comment", "no budget");

        String approve = "metrics.find { it.metric == 'TIME_TO_APPROVE' }.";
        String fulfil = "metrics.find { it.metric == 'TIME_TO_FULFIL' }.";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonPath r = report(t0).queryParam("recordKind", "REQUEST").queryParam("agreementId", agreement)
                    .get("/api/v1/sla/reports/compliance").then().statusCode(200).extract().jsonPath();
            return r.getInt(approve + "running") == 0 && r.getInt(fulfil + "running") == 0 && r.getInt(fulfil + "canceled") == 2;
        });
        JsonPath r = report(t0).queryParam("recordKind", "REQUEST").queryParam("agreementId", agreement)
                .get("/api/v1/sla/reports/compliance").then().statusCode(200).extract().jsonPath();
        assertEquals("REQUEST", r.getString("recordKind"));
        assertEquals(List.of("TIME_TO_FULFIL", "TIME_TO_APPROVE"), r.getList("metrics.metric"));
        assertEquals(List.of(2, 1, 1), List.of(r.getInt(approve + "met"), r.getInt(approve + "breached"), r.getInt(approve + "canceled")),
                "approved in time and rejected in time are met, approved late is breached, canceled is neither");
        assertEquals(66.7f, r.getFloat(approve + "compliancePercent"));
        assertEquals(List.of(1, 1, 2), List.of(r.getInt(fulfil + "met"), r.getInt(fulfil + "breached"), r.getInt(fulfil + "canceled")),
                "canceled and rejected requests end their fulfilment clock without a verdict");
        assertEquals(50.0f, r.getFloat(fulfil + "compliancePercent"));
        assertEquals(5 * 3600, r.getInt(fulfil + "medianSeconds"), "nearest rank over 5h and 12h");

        report(t0).queryParam("recordKind", "REQUEST").queryParam("offeringId", offering).get("/api/v1/sla/reports/compliance").then()
                .statusCode(200).body(fulfil + "met", equalTo(1)).body(fulfil + "breached", equalTo(1)).body("offeringId", equalTo(offering.toString()));
        report(t0).queryParam("recordKind", "REQUEST").queryParam("offeringId", UUID.randomUUID()).get("/api/v1/sla/reports/compliance").then()
                .statusCode(200).body(fulfil + "met", equalTo(0)).body(fulfil + "breached", equalTo(0));
        // without recordKind: the incident report, rows and all, as before request timers existed
        report(t0).queryParam("agreementId", agreement).get("/api/v1/sla/reports/compliance").then().statusCode(200)
                .body("recordKind", equalTo("INCIDENT")).body("metrics.metric", equalTo(List.of("TIME_TO_RESPOND", "TIME_TO_RESOLVE")))
                .body("metrics.met", equalTo(List.of(0, 0))).body("metrics.canceled", equalTo(List.of(0, 0)));
        report(t0).accept("text/csv").queryParam("recordKind", "REQUEST").queryParam("agreementId", agreement)
                .get("/api/v1/sla/reports/compliance").then().statusCode(200)
                .body(equalTo("metric,met,breached,running,canceled,compliancePercent,meanSeconds,medianSeconds,p90Seconds\n"
                        + "TIME_TO_FULFIL,1,1,0,2,50.0,30600.0,18000,43200\nTIME_TO_APPROVE,2,1,0,1,66.7,3400.0,1800,7200\n"));
    }

    @Test
    void filtersThatDoNotFitTheRecordKindAre400() {
        reader().queryParam("recordKind", "REQUEST").queryParam("priority", "P1").get("/api/v1/sla/reports/compliance").then()
                .statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("priority"));
        reader().queryParam("offeringId", UUID.randomUUID()).get("/api/v1/sla/reports/compliance").then()
                .statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("offeringId"));
        reader().queryParam("recordKind", "CHANGE").get("/api/v1/sla/reports/compliance").then()
                .statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("recordKind"));
    }

    static RequestSpecification report(Instant t0) {
        return reader().queryParam("from", t0.minus(Duration.ofHours(1)).toString()).queryParam("to", t0.plus(Duration.ofDays(2)).toString());
    }
}
