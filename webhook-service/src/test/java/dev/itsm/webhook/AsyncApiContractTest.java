package dev.itsm.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.AsyncApiValidator;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TopicReader.Received;
import dev.itsm.webhook.subscription.SubscriptionTestSupport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Real payloads and headers read from itsm.webhook.events must match src/main/resources/asyncapi.yaml.
 * Each event type gets a test that produces it for real and hands the records to {@link #assertDocumented}.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_webhook"))
public class AsyncApiContractTest {

    static final String PREFIX = "dev.itsm.webhook.";

    /**
     * Fails unless every record is a documented message whose headers and payload validate against the
     * document, with its ce_type pinned in the message's headers. The delivery tests call it with the
     * WebhookDeliveryFailed and WebhookSubscriptionDisabled records they produce.
     */
    public static void assertDocumented(List<Received> records) {
        AsyncApiValidator asyncApi = AsyncApiValidator.load();
        for (Received r : records) {
            // each message pins its ce_type in the second part of its headers' allOf (docs/API-VOCABULARY.md)
            assertEquals(r.ceType(), asyncApi.document().path("components").path("messages")
                    .path(r.ceType().substring(PREFIX.length())).path("headers").path("allOf").path(1)
                    .path("properties").path("ce_type").path("const").asText());
        }
        asyncApi.assertValid(records);
    }

    @Test
    void theDocumentDescribesTheOwnTopicAndItsThreeEvents() {
        AsyncApiValidator asyncApi = AsyncApiValidator.load();
        assertEquals("3.0.0", asyncApi.document().path("asyncapi").asText());
        assertEquals("itsm.webhook.events", asyncApi.document().path("channels").path("webhookEvents").path("address").asText());
        assertEquals(new TreeSet<>(Set.of("WebhookSubscriptionChanged", "WebhookDeliveryFailed", "WebhookSubscriptionDisabled")),
                asyncApi.documentedTypes());
    }

    @Test
    void webhookSubscriptionChangedAsPublishedMatchesTheDocument() {
        assertDocumented(SubscriptionTestSupport.lifeOfASubscription());
    }
}
