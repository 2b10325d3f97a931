package dev.itsm.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.platform.ItsmConfig;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;

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
    private final EventBoundary boundary;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, List<EventHandler>> handlersByTopic;
    /** Per topic, the event names some handler of it acts on; a topic absent here: every type is wanted. */
    private final Map<String, Set<String>> wantedTypes;
    private final String groupId;

    EventDispatch(ItsmConfig config, Inbox inbox, EventBoundary boundary, ObjectMapper json, Clock clock,
            @Any Instance<EventHandler> handlers) {
        this.config = config;
        this.inbox = inbox;
        this.boundary = boundary;
        this.json = json;
        this.clock = clock;
        Map<String, List<EventHandler>> byTopic = new HashMap<>();
        handlers.forEach(h -> h.topics().forEach(t -> byTopic.computeIfAbsent(t, k -> new ArrayList<>()).add(h)));
        this.handlersByTopic = Map.copyOf(byTopic);
        Map<String, Set<String>> types = new HashMap<>();
        byTopic.forEach((topic, hs) -> {
            if (hs.stream().noneMatch(h -> h.types().isEmpty())) {
                types.put(topic, hs.stream().flatMap(h -> h.types().stream()).collect(Collectors.toUnmodifiableSet()));
            }
        });
        this.wantedTypes = Map.copyOf(types);
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
     * Whether a handler of {@code topic} acts on the record's type ({@link EventHandler#types}), read from its
     * {@code ce_type} header without parsing the record; a record without the header is read (and judged) as usual.
     */
    public boolean wanted(String topic, ConsumerRecord<String, byte[]> record) {
        Set<String> types = wantedTypes.get(topic);
        if (types == null) {
            return true;
        }
        Header type = record.headers().lastHeader("ce_type");
        if (type == null || type.value() == null) {
            return true;
        }
        String name = new String(type.value(), StandardCharsets.UTF_8);
        return types.contains(name.substring(name.lastIndexOf('.') + 1));
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

    /** Wraps the handler calls of one event of a batch (the consumer opens the event's trace span around them). */
    @FunctionalInterface
    public interface EventScope {
        void run(int index, InboundEvent event, Runnable handlers);
    }

    /**
     * Runs the handlers of every event of a batch that this service's group has not processed yet, in
     * order, in one transaction together with one inbox insert for the whole batch: one commit instead
     * of one per event. An id seen earlier in the batch, or in an earlier transaction, runs nothing.
     * Each event's work ends at an {@link EventBoundary}, so a handler sees what it would in a
     * transaction of its own. The handler API is the same; the batch is invisible to handlers.
     *
     * @return per event of {@code events}, true when its handlers ran, false for a duplicate
     * @throws BatchFailure after rolling everything back, naming the event whose handlers failed
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean[] dispatchAll(List<InboundEvent> events, EventScope scope) {
        Map<String, Integer> firstOf = new HashMap<>();
        List<InboundEvent> distinct = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (firstOf.putIfAbsent(events.get(i).id(), i) == null) {
                distinct.add(events.get(i));
            }
        }
        Set<String> fresh;
        try {
            fresh = inbox.markProcessed(groupId, distinct);
        } catch (RuntimeException e) {
            throw new BatchFailure(-1, e);
        }
        boolean[] ran = new boolean[events.size()];
        for (int i = 0; i < events.size(); i++) {
            InboundEvent event = events.get(i);
            if (firstOf.get(event.id()) != i || !fresh.contains(event.id())) {
                continue; // a copy of an event applied before, in this batch or earlier
            }
            List<EventHandler> handlers = handlersByTopic.getOrDefault(event.topic(), List.of());
            try {
                scope.run(i, event, () -> {
                    handlers.forEach(h -> h.handle(event));
                    boundary.close(event);
                });
            } catch (RuntimeException e) {
                throw new BatchFailure(i, e);
            }
            ran[i] = true;
        }
        return ran;
    }
}
