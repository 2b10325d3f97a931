package dev.itsm.monitoring;

import static dev.itsm.monitoring.pipeline.AlertFeed.firing;
import static dev.itsm.monitoring.pipeline.AlertFeed.resolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.monitoring.pipeline.AlertFeed;
import dev.itsm.monitoring.pipeline.GroupResolutionJob;
import dev.itsm.monitoring.replica.ReplicaFixtures;
import dev.itsm.testing.AsyncApiValidator;
import dev.itsm.testing.EventExamples;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestClock;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Produces every event type for real (intake queue → processor, commands, the resolution job), reads the records back
 * from the topic and validates headers and payload against asyncapi.yaml (no payload field undocumented); one real
 * example per type is kept in target/event-examples/; and every documented example validates too.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_monitoring"))
class AsyncApiContractTest {

    static final String TOPIC = "itsm.monitoring.events";

    @Inject
    AlertFeed feed;

    @Inject
    AlertService alerts;

    @Inject
    GroupResolutionJob resolution;

    @Test
    void everyEmittedEventMatchesItsDocumentedSchema() {
        AsyncApiValidator asyncapi = AsyncApiValidator.load();
        assertEquals("3.0.0", asyncapi.document().path("asyncapi").asText());
        assertEquals(TOPIC, asyncapi.document().path("channels").path("monitoringEvents").path("address").asText());

        String tag = AlertFeed.fingerprint();
        ReplicaFixtures.ci("contract-" + tag);
        String fp = AlertFeed.fingerprint();
        // raised, group opened and correlated; deduplicated; acknowledged, suppressed, unsuppressed; resolved
        feed.feed(firing(fp, "DiskFull", "contract-" + tag));
        feed.feed(firing(fp, "DiskFull", "contract-" + tag), firing(fp, "DiskFull", "contract-" + tag));
        UUID a = feed.alertByFingerprint(fp).id();
        UUID group = feed.alertByFingerprint(fp).groupId();
        alerts.acknowledge(a, null, "alice", "Looking into it");
        alerts.suppress(a, null, "alice", TestClock.INSTANCE.instant().plus(Duration.ofHours(1)), "Known issue");
        alerts.unsuppress(a, null, "alice");
        feed.feed(resolved(fp, "DiskFull", "contract-" + tag));
        // the group resolves after the hold-down, and reopens when the key fires again (a new alert: beyond the flap window)
        TestClock.INSTANCE.advance(Duration.ofMinutes(6));
        resolution.resolveDue();
        feed.feed(firing(fp, "DiskFull", "contract-" + tag));
        UUID b = feed.alertByFingerprint(fp).id();
        assertNotEquals(a, b);

        Set<String> keys = Set.of(a.toString(), b.toString(), group.toString());
        int expected = 6 + 1 + 5;
        List<Received> records = new ArrayList<>(TopicReader.await(TOPIC, expected, Duration.ofSeconds(30),
                r -> keys.contains(r.key())));
        asyncapi.assertValid(records);

        Set<String> seen = records.stream().map(r -> r.ceType().substring(AlertFeed.PREFIX.length()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(asyncapi.documentedTypes(), seen, "every documented event type was emitted and checked");
        assertEquals(10, seen.size());
        EventExamples.write(records); // target/event-examples/, quoted by the issue notes
    }


    @Test
    void everyDocumentedExampleMatchesItsSchema() {
        AsyncApiValidator asyncapi = AsyncApiValidator.load();
        List<Received> examples = new ArrayList<>();
        JsonNode messages = asyncapi.document().path("components").path("messages");
        for (String type : asyncapi.documentedTypes()) {
            for (JsonNode example : messages.path(type).path("examples")) {
                JsonNode payload = example.path("payload");
                String key = payload.has("groupId") && !payload.has("alertId") ? payload.path("groupId").asText()
                        : payload.path("alertId").asText();
                Map<String, String> headers = new HashMap<>();
                headers.put("ce_specversion", "1.0");
                headers.put("ce_id", UUID.randomUUID().toString());
                headers.put("ce_type", AlertFeed.PREFIX + type);
                headers.put("ce_source", "/itsm/monitoring-service");
                headers.put("ce_subject", key);
                headers.put("ce_time", payload.path("occurredAt").asText());
                headers.put("content-type", "application/json");
                examples.add(new Received(TOPIC, 0, 0, key, payload.toString(), headers));
            }
        }
        assertEquals(asyncapi.documentedTypes().size(), examples.size(), "one example per event type");
        asyncapi.assertValid(examples);
    }
}
