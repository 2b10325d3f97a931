package dev.itsm.sla.report;

import static dev.itsm.sla.SlaTestSupport.PROBLEM;
import static dev.itsm.sla.SlaTestSupport.reader;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Bad query parameters are 400 problems naming the parameter — never 404 or 500. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class QueryValidationTest {

    @Test
    void badReportParameters() {
        reader().queryParam("from", "yesterday").get("/api/v1/sla/reports/compliance").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("from")).body("errors[0].message", containsString("ISO-8601"));
        reader().queryParam("from", "2026-12-01T00:00:00Z").queryParam("to", "2026-11-01T00:00:00Z")
                .get("/api/v1/sla/reports/compliance").then().statusCode(400).body("errors[0].message", equalTo("must be before to"));
        reader().queryParam("priority", "P9").get("/api/v1/sla/reports/compliance").then().statusCode(400)
                .body("errors[0].field", equalTo("priority")).body("errors[0].message", equalTo("must be one of P1, P2, P3, P4, P5"));
        reader().queryParam("serviceId", "abc").get("/api/v1/sla/reports/compliance").then().statusCode(400)
                .body("errors[0].field", equalTo("serviceId"));
        reader().queryParam("from", "2026-11-01T00:00:00Z").queryParam("to", "2026-11-02T00:00:00Z")
                .get("/api/v1/sla/reports/compliance").then().statusCode(200).body("metrics.size()", equalTo(2));
    }

    @Test
    void aReportCoversAtMostAYear() {
        reader().queryParam("from", "2025-01-01T00:00:00Z").queryParam("to", "2026-01-03T00:00:00Z")
                .get("/api/v1/sla/reports/compliance").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", contains("from", "to"))
                .body("errors[0].message", equalTo("from/to span 367 days; a report covers at most 366 days"));
        reader().queryParam("to", "2026-01-03T00:00:00Z").queryParam("from", "2000-01-01T00:00:00Z").accept("text/csv")
                .get("/api/v1/sla/reports/compliance").then().statusCode(400);
        reader().queryParam("from", "2024-01-01T00:00:00Z").queryParam("to", "2025-01-01T00:00:00Z")
                .get("/api/v1/sla/reports/compliance").then().statusCode(200).body("metrics.size()", equalTo(2));
    }

    @Test
    void malformedPagingIsA400NamingTheParameterOnEveryList() {
        for (String list : List.of("/api/v1/sla/timers", "/api/v1/sla/agreements", "/api/v1/sla/calendars")) {
            reader().queryParam("page", "abc").get(list).then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo("page"));
            reader().queryParam("size", "ten").get(list).then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo("size"));
        }
        reader().queryParam("state", "ACTIVE").queryParam("status", "RETIRED").get("/api/v1/sla/agreements").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("status"));
    }

    @Test
    void badTimerFilters() {
        reader().queryParam("state", "LATE").get("/api/v1/sla/timers").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("state"));
        reader().queryParam("incidentId", "INC0001").get("/api/v1/sla/timers").then().statusCode(400)
                .body("errors[0].field", equalTo("incidentId"));
        reader().queryParam("size", 501).get("/api/v1/sla/timers").then().statusCode(400).body("errors[0].field", equalTo("size"));
        reader().queryParam("sort", "elapsed").get("/api/v1/sla/timers").then().statusCode(400).body("errors[0].field", equalTo("sort"));
        reader().queryParam("incidentId", UUID.randomUUID()).queryParam("state", "BREACHED").get("/api/v1/sla/timers")
                .then().statusCode(200).body("total", equalTo(0));
        reader().get("/api/v1/sla/timers/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
    }
}
