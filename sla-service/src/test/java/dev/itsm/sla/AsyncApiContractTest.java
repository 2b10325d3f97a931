package dev.itsm.sla;

import static dev.itsm.sla.SlaTestSupport.SLA_TOPIC;
import static dev.itsm.sla.SlaTestSupport.TWENTY_FOUR_SEVEN;
import static dev.itsm.sla.SlaTestSupport.agreement;
import static dev.itsm.sla.SlaTestSupport.knownService;
import static dev.itsm.sla.SlaTestSupport.target;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.itsm.sla.SlaTestSupport.Incident;
import dev.itsm.testing.AsyncApiValidator;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Real payloads and headers read from itsm.sla.events must match src/main/resources/asyncapi.yaml. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_sla"))
class AsyncApiContractTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The timer events, all keyed by the incident. */
    static final Set<String> ALL = Set.of("SlaTimerStarted", "SlaTimerPaused", "SlaTimerResumed", "SlaWarning", "SlaBreached",
            "SlaMet", "SlaTimerCanceled", "SlaTimerRetargeted");
    static final Duration WAIT = Duration.ofSeconds(30);
    static final TestClock CLOCK = TestClock.INSTANCE;

    @AfterEach
    void resetClock() {
        CLOCK.reset();
    }

    static void awaitEvent(Incident inc, String type) {
        TopicReader.await(SLA_TOPIC, 1, WAIT, r -> inc.id.toString().equals(r.key()) && r.ceType().endsWith("." + type));
    }

    @Test
    void everyEmittedEventTypeIsDocumentedAndItsRealPayloadAndHeadersMatchTheSchema() throws Exception {
        AsyncApiValidator asyncApi = AsyncApiValidator.load();
        assertEquals("3.0.0", asyncApi.document().path("asyncapi").asText());
        assertEquals(SLA_TOPIC, asyncApi.document().path("channels").path("slaEvents").path("address").asText());
        // agreement and calendar events are keyed by their own ids: AgreementAndCalendarEventsTest validates those
        TreeSet<String> documented = new TreeSet<>(ALL);
        documented.addAll(Set.of("SlaAgreementChanged", "SlaCalendarChanged"));
        assertEquals(documented, asyncApi.documentedTypes());

        UUID service = knownService();
        agreement("Contract " + service, service, TWENTY_FOUR_SEVEN,
                List.of(target("TIME_TO_RESPOND", "P1", "PT8H"), target("TIME_TO_RESOLVE", "P1", "PT1H"),
                        target("TIME_TO_RESPOND", "P2", "PT8H"), target("TIME_TO_RESOLVE", "P2", "PT4H")), Map.of());
        Incident inc = new Incident(service, "P2", CLOCK.instant());
        inc.publish("IncidentOpened", CLOCK.instant());
        inc.set("priority", "P1").publish("IncidentPriorityChanged", CLOCK.instant(), "previousPriority", "P2");
        inc.set("state", "ON_HOLD").publish("IncidentPutOnHold", CLOCK.instant(), "holdReason", "AWAITING_CALLER");
        inc.set("state", "IN_PROGRESS").publish("IncidentResumed", CLOCK.instant());
        awaitEvent(inc, "SlaTimerResumed");
        CLOCK.advance(Duration.ofMinutes(35)); // past 50 % of the hour to resolve: the scheduler warns
        awaitEvent(inc, "SlaWarning");
        CLOCK.advance(Duration.ofMinutes(30)); // past the hour: the scheduler announces the breach
        awaitEvent(inc, "SlaBreached");
        inc.publish("IncidentAcknowledged", CLOCK.instant()); // 65 min of 8 h to respond: met
        inc.set("state", "CANCELED").publish("IncidentCanceled", CLOCK.instant(), "reason", "duplicate");

        List<Received> all = TopicReader.readUntil(SLA_TOPIC, WAIT, rs -> rs.stream()
                .filter(r -> inc.id.toString().equals(r.key())).map(r -> r.ceType().substring("dev.itsm.sla.".length()))
                .collect(Collectors.toSet()).containsAll(ALL));
        List<Received> mine = all.stream().filter(r -> inc.id.toString().equals(r.key())).toList();
        assertEquals(new TreeSet<>(ALL), mine.stream().map(r -> r.ceType().substring("dev.itsm.sla.".length()))
                .collect(Collectors.toCollection(TreeSet::new)));
        for (Received r : mine) {
            // each message pins its ce_type in the second part of its headers' allOf (docs/API-VOCABULARY.md)
            assertEquals(r.ceType(), asyncApi.document().path("components").path("messages")
                    .path(r.ceType().substring("dev.itsm.sla.".length())).path("headers").path("allOf").path(1)
                    .path("properties").path("ce_type").path("const").asText());
        }
        asyncApi.assertValid(mine);
        // one real payload per type, for the README / issue note
        ObjectNode examples = JSON.createObjectNode();
        for (Received r : mine) {
            examples.putIfAbsent(r.ceType(), JSON.readTree(r.value()));
        }
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "sla-event-examples.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(examples));
    }

    @Test
    void theSharedFactsAreFlattenedIntoEachPayloadInTheirPublishedOrder() throws Exception {
        UUID service = knownService();
        agreement("Order " + service, service, TWENTY_FOUR_SEVEN, List.of(target("TIME_TO_RESOLVE", "P1", "PT1H")), Map.of());
        Incident inc = new Incident(service, "P1", CLOCK.instant());
        inc.publish("IncidentOpened", CLOCK.instant());
        CLOCK.advance(Duration.ofMinutes(31));
        List<Received> mine = TopicReader.await(SLA_TOPIC, 2, WAIT, r -> inc.id.toString().equals(r.key()));
        List<String> facts = List.of("timerId", "incidentId", "recordKind", "recordId", "recordNumber", "agreementId", "agreementName", "metric", "priority", "state",
                "targetSeconds", "elapsedBusinessSeconds", "dueAt");
        List<String> started = fieldNames(mine.get(0));
        assertEquals(concat(facts, List.of("occurredAt")), started, "SlaTimerStarted " + mine.get(0).value());
        List<String> warning = fieldNames(mine.get(1));
        assertEquals(concat(facts, List.of("thresholdPercent", "occurredAt")), warning, "SlaWarning " + mine.get(1).value());
    }

    @Test
    void requestTimerEventsMatchTheSameSchemas() throws Exception {
        AsyncApiValidator asyncApi = AsyncApiValidator.load();
        assertEquals("1.1.0", asyncApi.document().path("info").path("version").asText(), "record kinds are a minor version");
        UUID offering = UUID.randomUUID();
        SlaTestSupport.requestAgreement("Request contract " + offering, List.of(offering), List.of(),
                List.of(SlaTestSupport.requestTarget("TIME_TO_APPROVE", "PT8H"), SlaTestSupport.requestTarget("TIME_TO_FULFIL", "P5D")));
        java.time.Instant t0 = CLOCK.instant().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        SlaTestSupport.ServiceRequest req = new SlaTestSupport.ServiceRequest(offering, List.of(), t0);
        req.set("state", "AWAITING_APPROVAL").publish("ServiceRequestSubmitted", t0);
        req.set("awaitingRequester", true).publish("RequestInfoRequested", t0.plusSeconds(600), "question", "Which model?");
        req.set("awaitingRequester", false).publish("RequestInfoProvided", t0.plusSeconds(1200));
        req.set("state", "IN_FULFILMENT").publish("RequestApproved", t0.plusSeconds(1800), "automatic", false, "approver", "sally");
        req.set("state", "CANCELED").publish("ServiceRequestCanceled", t0.plusSeconds(2400), "reason", "ordered twice");
        Set<String> expected = Set.of("SlaTimerStarted", "SlaTimerPaused", "SlaTimerResumed", "SlaMet", "SlaTimerCanceled");
        List<Received> mine = TopicReader.readUntil(SLA_TOPIC, WAIT, rs -> rs.stream().filter(r -> req.id.toString().equals(r.key()))
                .map(r -> r.ceType().substring("dev.itsm.sla.".length())).collect(Collectors.toSet()).containsAll(expected))
                .stream().filter(r -> req.id.toString().equals(r.key())).toList();
        asyncApi.assertValid(mine);
        ObjectNode examples = JSON.createObjectNode();
        for (Received r : mine) {
            assertEquals("REQUEST", JSON.readTree(r.value()).path("recordKind").asText(), r.value());
            examples.putIfAbsent(r.ceType(), JSON.readTree(r.value()));
        }
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "sla-request-event-examples.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(examples));
    }

    static List<String> fieldNames(Received r) throws Exception {
        List<String> names = new java.util.ArrayList<>();
        JSON.readTree(r.value()).fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
