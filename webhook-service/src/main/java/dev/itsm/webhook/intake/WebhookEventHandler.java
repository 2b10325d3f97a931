package dev.itsm.webhook.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import dev.itsm.webhook.delivery.DeliveryQueue;
import dev.itsm.webhook.delivery.DeliveryQueue.NewDelivery;
import dev.itsm.webhook.delivery.DeliveryReason;
import dev.itsm.webhook.delivery.Dispatcher;
import dev.itsm.webhook.subscription.Subscription;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Intake: every event of every topic in {@code webhook.topics} is stored in {@code webhook_event} and queued as one
 * delivery per matching ACTIVE or PAUSED subscription (a paused one collects; a DISABLED one gets nothing), in the
 * platform's inbox transaction — so an event is queued exactly once however often Kafka redelivers it. Ordering key:
 * {@code ce_subject} (the aggregate), else the record key, else the event id.
 * <p>
 * Never reads {@code itsm.webhook.events}, our own topic: a failing subscriber of {@code WebhookDeliveryFailed} would
 * otherwise be fed one more failure per failure, for ever. Topics that do not exist yet are harmless: the Kafka
 * consumer subscribes to them by name and is assigned their partitions once they are created (within
 * {@code metadata.max.age.ms}).
 */
@ApplicationScoped
public class WebhookEventHandler implements EventHandler {

    static final String OWN_TOPIC = "itsm.webhook.events";

    private final Set<String> topics;
    private final EventStore store;
    private final SubscriptionSnapshot subscriptions;
    private final DeliveryQueue queue;
    private final Dispatcher dispatcher;
    private final ObjectMapper json;
    private final Clock clock;

    WebhookEventHandler(@ConfigProperty(name = "webhook.topics", defaultValue = "itsm.incident.events,itsm.change.events,"
            + "itsm.catalog.events,itsm.sla.events,itsm.request.events,itsm.problem.events,itsm.monitoring.events") List<String> topics,
            EventStore store, SubscriptionSnapshot subscriptions, DeliveryQueue queue, Dispatcher dispatcher, ObjectMapper json,
            Clock clock) {
        Set<String> configured = new LinkedHashSet<>(topics);
        configured.remove(OWN_TOPIC);
        this.topics = Set.copyOf(configured);
        this.store = store;
        this.subscriptions = subscriptions;
        this.queue = queue;
        this.dispatcher = dispatcher;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Set<String> topics() {
        return topics;
    }

    @Override
    public void handle(InboundEvent event) {
        Instant now = clock.instant();
        StoredEvent stored = new StoredEvent(event.id(), event.topic(), event.type(), event.source(), event.subject(),
                event.time() != null ? event.time() : now, "application/json", payload(event));
        OptionalLong ref = store.store(stored, now);
        if (ref.isEmpty()) {
            return; // this event was stored (and queued) before
        }
        String orderingKey = event.subject() != null ? event.subject() : event.key() != null ? event.key() : event.id();
        List<NewDelivery> deliveries = new ArrayList<>();
        for (Subscription s : subscriptions.current()) {
            if (s.matches(event.type(), event.subject())) {
                deliveries.add(new NewDelivery(s.id(), ref.getAsLong(), orderingKey, DeliveryReason.EVENT));
            }
        }
        if (!deliveries.isEmpty()) {
            queue.enqueue(deliveries, now);
            dispatcher.wakeAfterCommit();
        }
    }

    private byte[] payload(InboundEvent event) {
        try {
            return json.writeValueAsBytes(event.data());
        } catch (JsonProcessingException e) {
            throw event.poison("payload cannot be written as JSON: " + e.getMessage());
        }
    }
}
