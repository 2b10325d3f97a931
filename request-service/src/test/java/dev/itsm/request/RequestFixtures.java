package dev.itsm.request;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.itsm.platform.security.Roles;
import dev.itsm.request.catalog.CatalogEvents;
import dev.itsm.testing.TestTokens;
import dev.itsm.testing.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Shared helpers of the request core's tests: callers, an orderable offering (fed through real catalogue
 * CloudEvents, R2's {@link CatalogEvents}), orders and commands, the events on the topic.
 */
public final class RequestFixtures {

    public static final String TOPIC = "itsm.request.events";
    public static final String PREFIX = "dev.itsm.request.";
    public static final String BASE = "/api/v1/requests";

    private RequestFixtures() {
    }

    public static RequestSpecification as(String user, String role) {
        return given().header("Authorization", TestTokens.bearer(user, role)).contentType(ContentType.JSON);
    }

    public static RequestSpecification requester(String user) {
        return as(user, Roles.REQUESTER);
    }

    public static RequestSpecification agent() {
        return as("fred", Roles.AGENT);
    }

    /**
     * A free or costed laptop + VPN + set-up offering ordered by the organisation's people: bob (USER), carol
     * (CUSTOMER), sam (SPONSOR), with {@code levels} on the relationship (sponsor sam).
     */
    public static CatalogEvents.Orderable orderable(boolean costed, List<Map<String, Object>> levels) {
        return CatalogEvents.orderable(costed ? CatalogEvents.cost("1299.00", "EUR", "ONE_OFF") : null,
                List.of(CatalogEvents.person("bob", "USER"), CatalogEvents.person("carol", "CUSTOMER"),
                        CatalogEvents.person("sam", "SPONSOR")),
                "sam", List.of(), levels);
    }

    public static Map<String, Object> order(CatalogEvents.Orderable o) {
        Map<String, Object> body = new HashMap<>();
        body.put("offeringId", o.offeringId().toString());
        body.put("organisationId", o.organisationId().toString());
        body.put("answers", CatalogEvents.validAnswers());
        return body;
    }

    /** bob orders it for himself; returns the request's id. */
    public static String create(CatalogEvents.Orderable o) {
        return requester("bob").body(order(o)).post(BASE).then().statusCode(201).extract().path("id");
    }

    public static Response command(RequestSpecification as, String id, String command, Map<String, Object> body) {
        return (body == null ? as : as.body(body)).post(BASE + "/" + id + "/" + command);
    }

    public static Response taskCommand(String taskId, String command, Map<String, Object> body) {
        RequestSpecification r = agent();
        return (body == null ? r : r.body(body)).post(BASE + "/tasks/" + taskId + "/" + command);
    }

    /** The task of the request's item with this component key. */
    public static String taskOf(String requestId, String componentKey) {
        List<Map<String, Object>> items = agent().get(BASE + "/" + requestId).then().statusCode(200).extract().path("items");
        return items.stream().filter(i -> componentKey.equals(i.get("componentKey"))).map(i -> (String) i.get("taskId"))
                .findFirst().orElseThrow();
    }

    public static List<TopicReader.Received> events(String requestId, int count) {
        return TopicReader.await(TOPIC, count, Duration.ofSeconds(30), r -> requestId.equals(r.key()));
    }

    public static List<String> types(List<TopicReader.Received> records) {
        return records.stream().map(r -> r.ceType().substring(PREFIX.length())).toList();
    }

    /** Waits for the request's events until one of {@code type} has arrived {@code times} times; returns all so far. */
    public static List<TopicReader.Received> eventsUntil(String requestId, String type, int times) {
        return TopicReader.readUntil(TOPIC, Duration.ofSeconds(30), records -> {
            List<String> seen = new ArrayList<>(types(records.stream().filter(r -> requestId.equals(r.key())).toList()));
            return seen.stream().filter(type::equals).count() >= times;
        }).stream().filter(r -> requestId.equals(r.key())).toList();
    }

    public static UUID uuid(String s) {
        return UUID.fromString(s);
    }
}
