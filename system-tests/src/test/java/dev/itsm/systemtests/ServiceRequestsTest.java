package dev.itsm.systemtests;

import static dev.itsm.systemtests.Suite.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Issue #18 "request-service" as the suite meets it, through the gateway and the topics only: an
 * offering with a request form published in the catalogue, a consumer organisation and a service
 * relationship with its sponsor; a requester orders it, the sponsor approves the cost, fulfillers
 * work the tasks from their queues, the access grant expires and is revoked by itself, and
 * sla-service's fulfilment clock pauses while the requester is asked and is met on fulfilment.
 * Every request event met on the way is checked against request-service's AsyncAPI document.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceRequestsTest {

    static final String CATALOG_ADMIN = ScenariosTest.CATALOG_ADMIN;
    static final String AGENT = ScenariosTest.AGENT;
    static final String SLA_ADMIN = ScenariosTest.SLA_ADMIN;
    static final String REQUESTER = "itsm-requester";
    static final String REQUESTS = "/api/v1/requests";
    static final String OFFERINGS = "/api/v1/catalog/offerings";
    static final String ORGANISATIONS = "/api/v1/catalog/consumer-organisations";
    static final String RELATIONSHIPS = "/api/v1/catalog/service-relationships";
    static final String REQUEST_TOPIC = "itsm.request.events";
    static final String TYPE = "dev.itsm.request.";
    static final Duration DEADLINE = Duration.ofSeconds(60);
    /** How long the VPN access lasts: short, so that the suite's grant-expiry check (every second) revokes it here. */
    static final Duration ACCESS_PERIOD = Duration.ofSeconds(3);

    /** The request form of the offering: one property per component key. */
    static final Map<String, Object> FORM = Map.of(
            "$schema", "https://json-schema.org/draft/2020-12/schema",
            "type", "object",
            "required", List.of("laptop", "vpn"),
            "additionalProperties", false,
            "properties", Map.of(
                    "laptop", Map.of("type", "object", "required", List.of("model"), "additionalProperties", false,
                            "properties", Map.of(
                                    "model", Map.of("enum", List.of("ThinkPad X1", "MacBook Pro 14")),
                                    "keyboardLayout", Map.of("type", "string", "maxLength", 20))),
                    "vpn", Map.of("type", "object", "required", List.of("accessLevel"),
                            "properties", Map.of("accessLevel", Map.of("enum", List.of("read", "read-write"))))));

    @BeforeAll
    static void suite() {
        Suite.stack();
    }

    // ------------------------------------------------------------------ the whole life of a request

    @Test
    @Order(1)
    void aRequesterOrdersAnOfferingTheSponsorApprovesTasksAreWorkedTheAccessExpiresAndTheSlaIsMet() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String requester = "rq-user-" + run;
        String customer = "rq-customer-" + run;
        String sponsor = "rq-sponsor-" + run;
        String otherRequester = "rq-other-" + run;
        String hardwareDesk = "hardware-desk-" + run;
        String networkDesk = "network-access-" + run;
        String serviceId = ScenariosTest.liveServiceWithCi("sys-requests-" + run).get("serviceId");

        // an offering whose form is broken cannot be published: 422 with a JSON pointer per fault
        Map<String, Object> offering = new LinkedHashMap<>();
        offering.put("name", "New starter kit " + run);
        offering.put("description", "A laptop and VPN access for a new colleague");
        offering.put("targetConsumerGroup", "all-employees");
        offering.put("serviceIds", List.of(serviceId));
        offering.put("components", List.of(
                component("laptop", "GOODS", "Laptop with docking station", hardwareDesk, null),
                component("vpn", "ACCESS_TO_RESOURCES", "VPN access to the office network", networkDesk, ACCESS_PERIOD)));
        offering.put("cost", Map.of("amount", 1249.90, "currency", "EUR", "period", "ONE_OFF"));
        offering.put("requestForm", Map.of("type", "array", "properties", Map.of("printer", Map.of("type", "string"))));
        Response drafted = as("rq-cat-admin", CATALOG_ADMIN).body(offering).post(OFFERINGS);
        assertEquals(201, drafted.statusCode(), drafted.asString());
        String offeringId = drafted.path("id");
        Response refused = as("rq-cat-admin", CATALOG_ADMIN).post(OFFERINGS + "/" + offeringId + "/publish");
        assertEquals(422, refused.statusCode(), refused.asString());
        assertEquals("application/problem+json", refused.contentType().split(";")[0]);
        assertTrue(refused.<String>path("type").endsWith("/invalid-request-form"), refused.asString());
        List<String> formFaults = refused.jsonPath().getList("errors.field", String.class);
        assertTrue(formFaults.contains("/type"), "the form must be an object: " + formFaults);
        assertTrue(formFaults.stream().anyMatch(f -> f.startsWith("/properties/printer")),
                "a property that is no component's key: " + formFaults);

        // the form replaced whole (null first: a merge patch merges objects), then published; requesters see the form
        patchOffering(offeringId, nullValued("requestForm"));
        patchOffering(offeringId, Map.of("requestForm", FORM));
        as("rq-cat-admin", CATALOG_ADMIN).post(OFFERINGS + "/" + offeringId + "/publish").then().statusCode(200)
                .body("state", equalTo("PUBLISHED"));
        Response form = as(requester, REQUESTER).get(OFFERINGS + "/" + offeringId + "/form");
        assertEquals(200, form.statusCode(), form.asString());
        assertEquals("application/schema+json", form.contentType().split(";")[0]);
        assertEquals(Set.of("laptop", "vpn"), JsonPath.from(form.asString()).getMap("properties").keySet(), "the form as published");

        // the consumer side: an organisation with its people, and the relationship naming the sponsor
        String organisationId = as("rq-cat-admin", CATALOG_ADMIN)
                .body(Map.of("name", "Finance " + run, "description", "Finance department"))
                .post(ORGANISATIONS).then().statusCode(201).extract().path("id");
        person(organisationId, requester, "Una User", "USER");
        person(organisationId, customer, "Cleo Customer", "CUSTOMER");
        person(organisationId, sponsor, "Sam Sponsor", "SPONSOR");
        person(organisationId, otherRequester, "Otto Other", "USER");
        String relationshipId = as("rq-cat-admin", CATALOG_ADMIN).body(Map.of("organisationId", organisationId,
                "offeringId", offeringId, "sponsor", sponsor,
                "validFrom", Instant.now().minus(Duration.ofHours(1)).toString()))
                .post(RELATIONSHIPS).then().statusCode(201).body("state", equalTo("ACTIVE")).extract().path("id");

        // the fulfilment clock: an SLA for requests on the offering's service, made before the order
        String agreementId = ScenariosTest.createOnceReplicated(() -> as("rq-sla", SLA_ADMIN).body(Map.of(
                "name", "Request fulfilment SLA " + run,
                "type", "SLA",
                "recordKind", "REQUEST",
                "scope", Map.of("allServices", false, "serviceIds", List.of(serviceId)),
                "targets", List.of(Map.of("metric", "TIME_TO_FULFIL", "duration", "PT8H")))),
                "/api/v1/sla/agreements");

        // wrong answers, once request-service's replica knows offering, organisation and relationship: a JSON pointer each
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("offeringId", offeringId);
        order.put("organisationId", organisationId);
        order.put("answers", Map.of("laptop", Map.of("model", "Commodore 64"), "vpn", Map.of()));
        Response invalid = onceReplicated(requester, order, "invalid-answers", null);
        assertEquals(422, invalid.statusCode(), invalid.asString());
        List<String> answerFaults = invalid.jsonPath().getList("errors.field", String.class);
        assertTrue(answerFaults.contains("/laptop/model"), "the model not in the enum: " + answerFaults);
        assertTrue(answerFaults.stream().anyMatch(f -> f.startsWith("/vpn")), "the missing access level: " + answerFaults);

        // good answers: 201, awaiting the sponsor's budget approval; the same Idempotency-Key gives the same request
        order.put("answers", Map.of("laptop", Map.of("model", "ThinkPad X1", "keyboardLayout", "de-CH"),
                "vpn", Map.of("accessLevel", "read")));
        String idempotencyKey = "rq-order-" + run;
        // (still retried on a 422: the replica may have validated the answers before it saw every person of the organisation)
        Response created = onceReplicated(requester, order, null, idempotencyKey);
        assertEquals(201, created.statusCode(), created.asString());
        String requestId = created.path("id");
        assertTrue(created.header("Location").endsWith(REQUESTS + "/" + requestId), created.header("Location"));
        assertEquals("AWAITING_APPROVAL", created.path("state"), created.asString());
        assertTrue(created.<String>path("number").startsWith("REQ"), created.asString());
        assertEquals(requester, created.path("requestedBy"));
        assertEquals(requester, created.path("requestedFor"));
        assertEquals(relationshipId, created.path("relationshipId"));
        assertEquals(List.of("laptop", "vpn"), created.jsonPath().getList("items.componentKey", String.class));
        Response replayed = as(requester, REQUESTER).header("Idempotency-Key", idempotencyKey).body(order).post(REQUESTS);
        assertTrue(replayed.statusCode() == 201 || replayed.statusCode() == 200, replayed.asString());
        assertEquals(requestId, replayed.path("id"), "the replay answers with the same request");
        JsonNode submitted = payload(one(requestId, "ServiceRequestSubmitted"));
        assertEquals(offeringId, submitted.path("offeringId").asText(), submitted.toString());
        assertFalse(submitted.has("answers"), "no answers in events (personal data): " + submitted);
        JsonNode approvalRequested = payload(one(requestId, "RequestApprovalRequested"));
        assertEquals(Set.of(sponsor), ProblemsTest.strings(approvalRequested.path("level").path("approvers")),
                "the budget level is the sponsor's: " + approvalRequested);

        // no self-approval; another requester does not even learn that the request exists
        command(requester, REQUESTER, requestId, "approve", Map.of("comment", "looks fine to me")).then().statusCode(403)
                .contentType("application/problem+json");
        command(otherRequester, REQUESTER, requestId, "approve", Map.of("comment", "me too")).then().statusCode(404)
                .contentType("application/problem+json");
        Response approved = command(sponsor, REQUESTER, requestId, "approve", Map.of("comment", "Budget ok"));
        assertEquals(200, approved.statusCode(), approved.asString());
        assertEquals("IN_FULFILMENT", approved.path("state"), "approved, fulfilment started at once: " + approved.asString());
        JsonNode approvedEvent = payload(one(requestId, "RequestApproved"));
        assertEquals(sponsor, approvedEvent.path("approver").asText(), approvedEvent.toString());
        assertFalse(approvedEvent.path("automatic").asBoolean(), approvedEvent.toString());
        assertEquals(2, TopicReader.await(Suite.bootstrap(), REQUEST_TOPIC, 2, DEADLINE, r -> requestId.equals(r.key())
                && (TYPE + "RequestItemFulfilmentStarted").equals(r.ceType())).size(), "one task per item");

        // object-level authorisation: the other USER of the organisation neither reads nor lists it, its CUSTOMER does
        as(otherRequester, REQUESTER).get(REQUESTS + "/" + requestId).then().statusCode(404)
                .contentType("application/problem+json");
        assertFalse(listedIds(otherRequester).contains(requestId), "another requester's list must not show it");
        // (polled: request-service learns that the customer is one from the organisation's events)
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300))
                .until(() -> as(customer, REQUESTER).get(REQUESTS + "/" + requestId).statusCode() == 200);
        assertTrue(listedIds(requester).contains(requestId), "the requester's own list shows it");
        as(requester, REQUESTER).get(REQUESTS + "/tasks").then().statusCode(403).contentType("application/problem+json");

        // the fulfilment clock runs, and pauses while the requester is asked something
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300))
                .until(() -> "RUNNING".equals(state(fulfilTimer(requestId))));
        command("rq-agent", AGENT, requestId, "request-info", Map.of("question", "Which office will you work from?"))
                .then().statusCode(200).body("awaitingRequester", equalTo(true));
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300))
                .until(() -> "PAUSED".equals(state(fulfilTimer(requestId))));
        command(requester, REQUESTER, requestId, "provide-info", Map.of("answer", "Zurich, third floor"))
                .then().statusCode(200).body("awaitingRequester", equalTo(false));
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300))
                .until(() -> "RUNNING".equals(state(fulfilTimer(requestId))));

        // the fulfillers' queues: one task each, started and completed by an agent
        Map<String, Object> delivery = queuedTask(hardwareDesk, requestId);
        assertEquals("DELIVERY", delivery.get("type"), delivery.toString());
        Map<String, Object> provisioning = queuedTask(networkDesk, requestId);
        assertEquals("ACCESS_PROVISIONING", provisioning.get("type"), provisioning.toString());
        taskCommand(id(delivery), "start", Map.of("note", "Picked from stock")).then().statusCode(200)
                .body("state", equalTo("IN_PROGRESS"));
        taskCommand(id(delivery), "complete", Map.of("note", "Handed over at the front desk", "trackingReference", "PKG-" + run))
                .then().statusCode(200).body("state", equalTo("COMPLETED"));
        as(requester, REQUESTER).get(REQUESTS + "/" + requestId).then().statusCode(200)
                .body("state", equalTo("IN_FULFILMENT"));
        taskCommand(id(provisioning), "start", Map.of("note", "Adding to the VPN group")).then().statusCode(200);
        Instant beforeGrant = Instant.now();
        taskCommand(id(provisioning), "complete", Map.of("note", "Added to vpn-users")).then().statusCode(200)
                .body("state", equalTo("COMPLETED"));

        // every item fulfilled: the request is; the access was granted for the component's period
        JsonPath fulfilled = as(requester, REQUESTER).get(REQUESTS + "/" + requestId).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("FULFILLED", fulfilled.getString("state"));
        assertEquals(List.of("FULFILLED", "FULFILLED"), fulfilled.getList("items.state", String.class));
        assertEquals(2, TopicReader.await(Suite.bootstrap(), REQUEST_TOPIC, 2, DEADLINE, r -> requestId.equals(r.key())
                && (TYPE + "FulfilmentTaskCompleted").equals(r.ceType())).size());
        JsonNode grant = payload(one(requestId, "AccessGranted")).path("grant");
        assertEquals("ACTIVE", grant.path("state").asText(), grant.toString());
        assertEquals(requester, grant.path("subject").asText(), grant.toString());
        Instant grantedAt = Instant.parse(grant.path("grantedAt").asText());
        Instant expiresAt = Instant.parse(grant.path("expiresAt").asText());
        assertEquals(ACCESS_PERIOD, Duration.between(grantedAt, expiresAt), "the component's access period: " + grant);
        assertFalse(grantedAt.isBefore(beforeGrant.minusSeconds(5)), "granted on completion: " + grant);
        one(requestId, "ServiceRequestFulfilled");

        // the fulfilment clock is met
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300))
                .until(() -> "MET".equals(state(fulfilTimer(requestId))));
        Map<String, Object> timer = fulfilTimer(requestId);
        assertEquals(agreementId, timer.get("agreementId"), timer.toString());
        assertEquals("REQUEST", timer.get("recordKind"), timer.toString());
        assertEquals(fulfilled.getString("number"), timer.get("recordNumber"), timer.toString());
        assertTrue(((List<?>) timer.get("pauses")).size() >= 1, "the pause while awaiting the requester: " + timer);

        // the grant expires: revoked by request-service's own check (every second in the suite), announced once
        String grantId = grant.path("grantId").asText();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).until(() -> "REVOKED".equals(grants(requester, requestId)
                .stream().filter(g -> grantId.equals(id(g))).findFirst().orElseThrow().get("state")));
        Map<String, Object> revoked = grants(requester, requestId).stream().filter(g -> grantId.equals(id(g))).findFirst()
                .orElseThrow();
        assertEquals("EXPIRED", revoked.get("revokeReason"), revoked.toString());
        assertFalse(Instant.parse((String) revoked.get("revokedAt")).isBefore(expiresAt), "not before it was due: " + revoked);
        Received revokedEvent = one(requestId, "AccessRevoked");
        assertEquals(requestId, revokedEvent.header("ce_subject"));
        assertEquals("/itsm/request-service", revokedEvent.header("ce_source"));
        assertEquals("EXPIRED", payload(revokedEvent).path("grant").path("revokeReason").asText(), revokedEvent.value());
        // the access review: agents list grants by subject, a requester only through their own request
        List<String> reviewed = as("rq-agent", AGENT).queryParam("subject", requester).get(REQUESTS + "/grants").then()
                .statusCode(200).extract().jsonPath().getList("items", Map.class).stream()
                .map(g -> id(ServiceRequestsTest.<Map<String, Object>>cast(g))).toList();
        assertEquals(List.of(grantId), reviewed, "the requester's grants");
        as(requester, REQUESTER).get(REQUESTS + "/grants").then().statusCode(403).contentType("application/problem+json");

        // closed by the requester; the history tells who did what
        command(requester, REQUESTER, requestId, "close", null).then().statusCode(200).body("state", equalTo("CLOSED"));
        assertFalse(payload(one(requestId, "ServiceRequestClosed")).path("automatic").asBoolean());
        String history = as(requester, REQUESTER).get(REQUESTS + "/" + requestId + "/history").then().statusCode(200)
                .extract().asString();
        for (String who : List.of(requester, sponsor, "rq-agent")) {
            assertTrue(history.contains(who), who + " in the history: " + history);
        }

        assertEventsInOrderAndMatchTheAsyncApi(requestId, List.of("ServiceRequestSubmitted", "RequestApprovalRequested",
                "RequestApproved", "RequestItemFulfilmentStarted", "RequestInfoRequested", "RequestInfoProvided",
                "FulfilmentTaskCompleted", "AccessGranted", "ServiceRequestFulfilled", "AccessRevoked",
                "ServiceRequestClosed"));
    }

    // ------------------------------------------------------------------ helpers

    static Map<String, Object> component(String key, String kind, String description, String group, Duration period) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("key", key);
        c.put("kind", kind);
        c.put("description", description);
        c.put("fulfilmentGroup", group);
        if (period != null) {
            c.put("accessPeriod", period.toString());
        }
        return c;
    }

    static Map<String, Object> nullValued(String field) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(field, null);
        return m;
    }

    static void patchOffering(String offeringId, Map<String, Object> patch) {
        Response r = as("rq-cat-admin", CATALOG_ADMIN).contentType("application/merge-patch+json").body(patch)
                .patch(OFFERINGS + "/" + offeringId);
        assertEquals(200, r.statusCode(), r.asString());
    }

    static void person(String organisationId, String subject, String displayName, String role) {
        Response r = as("rq-cat-admin", CATALOG_ADMIN).body(Map.of("displayName", displayName, "roles", List.of(role)))
                .put(ORGANISATIONS + "/" + organisationId + "/people/" + subject);
        assertTrue(r.statusCode() == 200 || r.statusCode() == 201, r.asString());
    }

    /**
     * POSTs the order as {@code subject} until request-service's replica of the catalogue has caught up
     * (every other 422 is a replica still behind: unknown offering, organisation, relationship or person),
     * and returns the first answer that is a 201 or the 422 of type {@code expectedProblem} (if not null).
     * A refused order does not use up its {@code Idempotency-Key} (the key is stored with the request only).
     */
    static Response onceReplicated(String subject, Map<String, Object> order, String expectedProblem, String idempotencyKey) {
        AtomicReference<Response> answer = new AtomicReference<>();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).until(() -> {
            RequestSpecification spec = as(subject, REQUESTER).body(order);
            Response r = (idempotencyKey == null ? spec : spec.header("Idempotency-Key", idempotencyKey)).post(REQUESTS);
            answer.set(r);
            if (r.statusCode() == 201) {
                return true;
            }
            assertEquals(422, r.statusCode(), "only a replica still catching up may delay an order: " + r.asString());
            return expectedProblem != null && String.valueOf(r.<String>path("type")).endsWith("/" + expectedProblem);
        });
        return answer.get();
    }

    static Response command(String subject, String role, String requestId, String command, Map<String, Object> body) {
        RequestSpecification spec = as(subject, role);
        if (body != null) {
            spec = spec.body(body);
        }
        return spec.post(REQUESTS + "/" + requestId + "/" + command);
    }

    static Response taskCommand(String taskId, String command, Map<String, Object> body) {
        return as("rq-agent", AGENT).body(body).post(REQUESTS + "/tasks/" + taskId + "/" + command);
    }

    /** The OPEN task of {@code requestId} in the queue of {@code group}. */
    static Map<String, Object> queuedTask(String group, String requestId) {
        List<Map<String, Object>> tasks = as("rq-agent", AGENT).queryParam("assignmentGroup", group).queryParam("state", "OPEN")
                .get(REQUESTS + "/tasks").then().statusCode(200).extract().jsonPath().getList("items");
        List<Map<String, Object>> mine = tasks.stream().filter(t -> requestId.equals(t.get("requestId"))).toList();
        assertEquals(1, mine.size(), "one task of the request in the queue of " + group + ": " + tasks);
        assertEquals(group, mine.get(0).get("assignmentGroup"));
        return mine.get(0);
    }

    static List<Map<String, Object>> grants(String subject, String requestId) {
        return as(subject, REQUESTER).get(REQUESTS + "/" + requestId + "/grants").then().statusCode(200).extract()
                .jsonPath().getList("items");
    }

    static List<String> listedIds(String subject) {
        return as(subject, REQUESTER).queryParam("size", 200).get(REQUESTS).then().statusCode(200).extract().jsonPath()
                .getList("items.id", String.class);
    }

    /** A resource's id, whatever the view calls it ({@code id}, {@code taskId}, {@code grantId}). */
    static String id(Map<String, Object> view) {
        for (String field : List.of("id", "taskId", "grantId")) {
            if (view.get(field) != null) {
                return String.valueOf(view.get(field));
            }
        }
        throw new AssertionError("no id in " + view);
    }

    /** sla-service's TIME_TO_FULFIL timer of the request, or null before it exists. */
    static Map<String, Object> fulfilTimer(String requestId) {
        List<Map<String, Object>> timers = as("rq-sla-reader", ScenariosTest.READER).queryParam("recordId", requestId)
                .get("/api/v1/sla/timers").then().statusCode(200).extract().jsonPath().getList("items");
        return timers.stream().filter(t -> requestId.equals(t.get("recordId")) && "TIME_TO_FULFIL".equals(t.get("metric")))
                .findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    static <T> T cast(Object o) {
        return (T) o;
    }

    static String state(Map<String, Object> view) {
        return view == null ? null : (String) view.get("state");
    }

    /** The one record of {@code type} for {@code key} on the request topic (waits for it). */
    static Received one(String key, String type) {
        List<Received> found = TopicReader.await(Suite.bootstrap(), REQUEST_TOPIC, 1, DEADLINE,
                r -> key.equals(r.key()) && (TYPE + type).equals(r.ceType()));
        assertEquals(1, found.size(), type + " for " + key);
        return found.get(0);
    }

    static JsonNode payload(Received r) {
        try {
            return OpenApiFuzzer.JSON.readTree(r.value());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.value(), e);
        }
    }

    /**
     * Every record of the request, read whole from its topic: each {@code expected} type there (the first of each
     * in that order, one partition per key), none other than those, every one valid against the
     * {@code asyncapi.yaml} request-service's packaged application carries, and no {@code ce_id} twice.
     */
    static void assertEventsInOrderAndMatchTheAsyncApi(String requestId, List<String> expected) throws Exception {
        List<Received> records = WholeTopic.read(Suite.bootstrap(), REQUEST_TOPIC).stream()
                .filter(r -> requestId.equals(r.key())).toList();
        List<String> types = records.stream().map(r -> r.ceType().substring(TYPE.length())).toList();
        System.out.println("request events of " + requestId + ": " + types);
        List<String> firstSeen = types.stream().distinct().toList();
        assertTrue(firstSeen.containsAll(expected), "the request's event types " + firstSeen + " include " + expected);
        List<String> order = new ArrayList<>(firstSeen);
        order.retainAll(expected);
        assertEquals(expected, order, "first of each type in this order: " + types);
        Set<String> ids = new HashSet<>();
        List<String> failures = new ArrayList<>();
        records.stream().filter(r -> !ids.add(r.ceId())).forEach(r -> failures.add(r.ceType() + " " + r.ceId() + " twice"));
        failures.addAll(ProblemsTest.asyncApi("request-service").violations(records));
        System.out.println("AsyncAPI-checked request-service events: "
                + records.stream().map(Received::ceType).collect(Collectors.toCollection(TreeSet::new)));
        assertEquals(List.of(), failures);
        assertNotNull(records.get(0).header("ce_id"));
    }
}
