package dev.itsm.platform.events;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.platform.ItsmConfig;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

/**
 * The one way a consumed record becomes an effect of this service: read it as a CloudEvent with a
 * JSON object payload from the topic's owner ({@link #read}), then run the topic's
 * {@link EventHandler}s in one transaction with the {@link Inbox} row of the service's consumer
 * group ({@link #dispatch}). The {@link EventConsumer} uses it for what it polls and the dead-letter
 * replay for what an operator puts back, so a replayed event is checked and deduplicated exactly
 * like a live one.
 */
@ApplicationScoped
public class EventDispatch {

    private final ItsmConfig config;
    private final Inbox inbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, List<EventHandler>> handlersByTopic;
    private final String groupId;

    EventDispatch(ItsmConfig config, Inbox inbox, ObjectMapper json, Clock clock, @Any Instance<EventHandler> handlers) {
        this.config = config;
        this.inbox = inbox;
        this.json = json;
        this.clock = clock;
        this.handlersByTopic = handlers.stream().collect(Collectors.groupingBy(EventHandler::topic));
        this.groupId = "itsm-" + config.service() + "-service";
    }

    /** This service's consumer group ({@code itsm-<service>-service}): its inbox's consumer and its dead letters' {@code dlq_consumer_group}. */
    public String groupId() {
        return groupId;
    }

    /** The topics this service consumes (those of its {@link EventHandler}s). */
    public Set<String> topics() {
        return Set.copyOf(handlersByTopic.keySet());
    }

    /**
     * The event a record published on {@code topic} carries ({@code topic} is the record's own for a
     * live record, the original one for a dead letter).
     *
     * @throws PoisonEventException when it is not a CloudEvent with a JSON object payload, or its
     *         {@code ce_source} is not the topic's owner
     */
    public InboundEvent read(String topic, ConsumerRecord<String, byte[]> record) {
        CloudEvent ce;
        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            ce = deserializer.deserialize(topic, record.headers(), record.value());
        } catch (RuntimeException e) {
            throw new PoisonEventException("not a CloudEvent: " + e.getMessage(), e);
        }
        if (ce.getData() == null) {
            throw new PoisonEventException("CloudEvent " + ce.getId() + " has no data");
        }
        JsonNode data;
        try {
            data = json.readTree(ce.getData().toBytes());
        } catch (Exception e) {
            throw new PoisonEventException("payload of " + ce.getId() + " is not JSON: " + e.getMessage(), e);
        }
        if (data == null || !data.isObject()) {
            throw new PoisonEventException("payload of " + ce.getId() + " is not a JSON object");
        }
        String source = String.valueOf(ce.getSource());
        String owner = ServiceIdentity.ownerOf(topic);
        if (owner != null && !new ServiceIdentity(owner).source().equals(source)) {
            // only the owner writes its topic (Kafka ACLs); a record claiming another origin is not to be believed
            throw new PoisonEventException("ce_source '" + source + "' of " + ce.getId() + " is not the owner of "
                    + topic + " (expected " + new ServiceIdentity(owner).source() + ")");
        }
        Instant time = ce.getTime() == null ? null : ce.getTime().toInstant();
        return new InboundEvent(ce.getId(), ce.getType(), source, ce.getSubject(), time,
                topic, record.key(), data, clock.instant().plus(config.consumer().maxClockSkew()));
    }

    /**
     * Runs the handlers of the event's topic unless this service's group has processed the event
     * already; the inbox row and the effects commit together or not at all.
     *
     * @return true when the handlers ran, false for an event already processed
     */
    public boolean dispatch(InboundEvent event) {
        List<EventHandler> handlers = handlersByTopic.getOrDefault(event.topic(), List.of());
        return inbox.processOnce(groupId, event.id(), event.type(), () -> handlers.forEach(h -> h.handle(event)));
    }
}
