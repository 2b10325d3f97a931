package dev.itsm.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.security.Roles;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestTokens;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(ItsmTestResources.class)
class OutboxRelayTest {

    static final String TOPIC = "itsm.platformtest.events";

    static String openTicket(String title, int renames) {
        return given().header("Authorization", TestTokens.bearer("alice", Roles.AGENT))
                .contentType(ContentType.JSON)
                .body(Map.of("title", title, "kind", "TASK", "renames", renames))
                .post("/api/v1/tickets")
                .then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void eventsArePublishedInOrderPerAggregateWithCloudEventsHeaders() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(openTicket("order-" + i, 4)); // opened + 4 renames = 5 events per ticket
        }
        Set<String> mine = Set.copyOf(ids);
        List<Received> records = TopicReader.await(TOPIC, 50, Duration.ofSeconds(30), r -> mine.contains(r.key()));
        assertEquals(50, records.size(), "every committed event is published exactly once");

        Map<String, List<Received>> byKey = records.stream().collect(Collectors.groupingBy(Received::key));
        for (String id : ids) {
            List<Received> events = byKey.get(id);
            assertEquals(5, events.size());
            assertEquals("dev.itsm.platformtest.TicketOpened", events.get(0).ceType());
            for (int step = 1; step <= 4; step++) {
                Received renamed = events.get(step);
                assertEquals("dev.itsm.platformtest.TicketRenamed", renamed.ceType());
                assertTrue(renamed.value().contains("\"step\":" + step), "order kept: " + renamed.value());
            }
            assertEquals(1, events.stream().map(Received::partition).distinct().count(), "one key, one partition");
        }

        Received first = byKey.get(ids.get(0)).get(0);
        assertEquals("1.0", first.header("ce_specversion"));
        assertNotNull(UUID.fromString(first.ceId()));
        assertEquals("/itsm/platformtest-service", first.header("ce_source"));
        assertEquals(ids.get(0), first.header("ce_subject"));
        assertNotNull(OffsetDateTime.parse(first.header("ce_time")));
        assertEquals("application/json", first.header("content-type"));
        assertTrue(first.value().contains("\"title\":\"order-0\""), first.value());
        assertEquals(50, records.stream().map(Received::ceId).distinct().count(), "ce_id unique per event");
    }
}
