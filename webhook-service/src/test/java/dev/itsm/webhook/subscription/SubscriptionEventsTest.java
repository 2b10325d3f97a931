package dev.itsm.webhook.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TopicReader;
import dev.itsm.testing.TopicReader.Received;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Each change of a subscription is a WebhookSubscriptionChanged on itsm.webhook.events, keyed by the subscription, in order. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_webhook"))
class SubscriptionEventsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyChangeIsPublishedInOrderWithoutSecretOrQueryString() throws Exception {
        List<Received> events = SubscriptionTestSupport.lifeOfASubscription();
        assertEquals(List.of("CREATED", "UPDATED", "PAUSED", "RESUMED", "SECRET_ROTATED", "DELETED"),
                events.stream().map(r -> read(r).path("change").asText()).toList());
        for (Received r : events) {
            assertEquals("dev.itsm.webhook.WebhookSubscriptionChanged", r.ceType());
            assertEquals(r.key(), r.header("ce_subject"));
            assertEquals("/itsm/webhook-service", r.header("ce_source"));
            assertFalse(r.value().contains("whsec_"), r.value());
            assertFalse(r.value().contains("s3cret"), "the query string may hold a credential: " + r.value());
            JsonNode p = read(r);
            assertEquals("https://127.0.0.1:8443/hook", p.path("targetUrl").asText());
            assertEquals("ida", p.path("actor").asText());
        }
        assertEquals("[\"subjects\"]", read(events.get(1)).path("changedFields").toString());
        assertEquals("PAUSED", read(events.get(2)).path("state").asText());
        assertEquals("[\"inc-1\"]", read(events.get(5)).path("subjects").toString());
    }

    static JsonNode read(Received r) {
        try {
            return JSON.readTree(r.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
