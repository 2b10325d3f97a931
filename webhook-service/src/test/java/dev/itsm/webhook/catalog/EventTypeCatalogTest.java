package dev.itsm.webhook.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The catalogue built from the AsyncAPI documents the build bundled (event-types/<service>/asyncapi.yaml). */
class EventTypeCatalogTest {

    static final EventTypeCatalog BUNDLED = new EventTypeCatalog();

    @Test
    void theBundledDocumentsOfTheExistingServicesAreRead() {
        assertTrue(BUNDLED.services().containsAll(List.of("catalog", "change", "incident", "sla")), BUNDLED.services().toString());
        assertTrue(BUNDLED.isKnownFilter("dev.itsm.incident.MajorIncidentDeclared"));
        assertTrue(BUNDLED.isKnownFilter("dev.itsm.change.ChangeWindowChanged"));
        assertTrue(BUNDLED.isKnownFilter("dev.itsm.catalog.*"));
        assertTrue(BUNDLED.isKnownFilter("dev.itsm.problem.*"), "problem-service's AsyncAPI is bundled");
        assertTrue(BUNDLED.isKnownFilter("dev.itsm.problem.KnownErrorPublished"));
        assertTrue(BUNDLED.isKnownFilter("dev.itsm.request.ServiceRequestSubmitted"), "request-service's AsyncAPI is bundled");
        assertTrue(BUNDLED.isKnownFilter("dev.itsm.request.AccessRevoked"));
        assertTrue(BUNDLED.isKnownFilter("dev.itsm.monitoring.*"), "monitoring-service's AsyncAPI is bundled");
        assertTrue(BUNDLED.isKnownFilter("dev.itsm.monitoring.AlertGroupOpened"));
        assertFalse(BUNDLED.isKnownFilter("dev.itsm.incident.IncidentExploded"));
        assertFalse(BUNDLED.isKnownFilter("dev.itsm.*"));
        assertFalse(BUNDLED.isKnownFilter("dev.itsm.webhook.*"), "own events are not deliverable");
        assertTrue(BUNDLED.all().stream().allMatch(t -> t.type().equals("dev.itsm." + t.service() + "." + t.type().substring(t.type().lastIndexOf('.') + 1))));
    }

    @Test
    void aMessageWithoutACeTypeConstantIsNamedAfterItsServiceAndName() throws Exception {
        String yaml = """
                asyncapi: 3.0.0
                components:
                  messages:
                    RequestSubmitted:
                      name: RequestSubmitted
                      summary: A request was submitted
                    RequestFulfilled:
                      headers:
                        allOf:
                          - $ref: '#/components/schemas/CloudEventHeaders'
                          - properties:
                              ce_type:
                                const: dev.itsm.request.RequestFulfilled
                """;
        List<EventTypeView> types = EventTypeCatalog.parse("request", new ObjectMapper(new YAMLFactory()).readTree(yaml));
        assertEquals(List.of(new EventTypeView("dev.itsm.request.RequestSubmitted", "request", "A request was submitted"),
                new EventTypeView("dev.itsm.request.RequestFulfilled", "request", "RequestFulfilled")), types);
        assertTrue(new EventTypeCatalog(types).isKnownFilter("dev.itsm.request.*"));
    }
}
