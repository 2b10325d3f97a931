package dev.itsm.platform;

import static dev.itsm.platform.OutboxRelayTest.TOPIC;
import static dev.itsm.platform.OutboxRelayTest.openTicket;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.events.OutboxRelay;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestInfrastructure;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
@QuarkusTestResource(ItsmTestResources.class)
class KafkaOutageTest {

    @Inject
    OutboxRelay relay;

    @Test
    void writesCommitDuringABrokerOutageAndTheirEventsArriveAfterwardsOnceEach() throws Exception {
        // warm up: the relay has a producer and topic metadata before the outage
        openTicket("before-outage", 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.lastError() == null && relay.publishedTotal() > 0);

        TestInfrastructure.stopKafka();
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                ids.add(openTicket("during-outage-" + i, 1)); // 201 although Kafka is down
            }
            // the relay notices (delivery timeout 6 s in tests) and keeps the rows pending
            await().atMost(Duration.ofSeconds(60)).until(() -> relay.lastError() != null);
        } finally {
            TestInfrastructure.startKafka();
        }

        Set<String> mine = Set.copyOf(ids);
        List<Received> records = TopicReader.await(TOPIC, 20, Duration.ofSeconds(60), r -> mine.contains(r.key()));
        assertEquals(20, records.size(), "all 20 events (10 opened + 10 renamed) arrive after the outage");
        assertEquals(20, records.stream().map(Received::ceId).distinct().count(), "none duplicated");
        for (String id : ids) {
            List<String> types = records.stream().filter(r -> r.key().equals(id)).map(Received::ceType).toList();
            assertEquals(List.of("dev.itsm.platformtest.TicketOpened", "dev.itsm.platformtest.TicketRenamed"), types,
                    "order per aggregate kept across the outage");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.lastError() == null);

        // the consumer side recovered too: a new event is handled
        String eventId = UUID.randomUUID().toString();
        InboxTest.send("after-outage", eventId, "{\"n\":42}");
        await().atMost(Duration.ofSeconds(60)).until(() -> feedEffects(eventId) == 1);
    }

    @Inject
    javax.sql.DataSource ds;

    long feedEffects(String eventId) throws Exception {
        try (var c = ds.getConnection();
                var ps = c.prepareStatement("select count(*) from feed_effect where event_id = ?")) {
            ps.setString(1, eventId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
