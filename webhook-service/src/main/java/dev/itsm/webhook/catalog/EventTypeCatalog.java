package dev.itsm.webhook.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The event types a subscription may filter on: every message of the other services' AsyncAPI
 * documents, bundled at build time (the pom's {@code bundle-event-types} step) as
 * {@code event-types/<service>/asyncapi.yaml}. A message's type is the {@code ce_type} constant of its
 * headers, else {@code dev.itsm.<service>.<message name>}. This service's own events are not in it:
 * it never consumes its own topic, so they cannot be delivered.
 */
@ApplicationScoped
public class EventTypeCatalog {

    /** The services whose documents the pom bundles (a missing document is simply absent). */
    static final List<String> SERVICES = List.of("incident", "change", "catalog", "sla", "request", "problem", "monitoring");
    private static final String PREFIX = "dev.itsm.";

    private final List<EventTypeView> types;
    private final List<String> services;

    EventTypeCatalog() {
        this(loadBundled());
    }

    EventTypeCatalog(List<EventTypeView> types) {
        this.types = types.stream().sorted(Comparator.comparing(EventTypeView::type)).toList();
        Set<String> s = new TreeSet<>();
        types.forEach(t -> s.add(t.service()));
        this.services = List.copyOf(s);
    }

    /** Every deliverable type, by name. */
    public List<EventTypeView> all() {
        return types;
    }

    /** The services with at least one type, by name. */
    public List<String> services() {
        return services;
    }

    /**
     * Whether {@code filter} is a valid type filter: a known type, or {@code dev.itsm.<service>.*} for a
     * service that has at least one known type.
     */
    public boolean isKnownFilter(String filter) {
        if (filter == null) {
            return false;
        }
        if (filter.startsWith(PREFIX) && filter.endsWith(".*") && filter.length() > PREFIX.length() + 2) {
            return services.contains(filter.substring(PREFIX.length(), filter.length() - 2));
        }
        return types.stream().anyMatch(t -> t.type().equals(filter));
    }

    private static List<EventTypeView> loadBundled() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<EventTypeView> found = new ArrayList<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (String service : SERVICES) {
            try (InputStream in = loader.getResourceAsStream("event-types/" + service + "/asyncapi.yaml")) {
                if (in != null) {
                    found.addAll(parse(service, yaml.readTree(in)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("bundled AsyncAPI document of " + service + " cannot be read", e);
            }
        }
        return found;
    }

    /** The messages of one AsyncAPI 3 document ({@code components.messages}). */
    static List<EventTypeView> parse(String service, JsonNode document) {
        List<EventTypeView> found = new ArrayList<>();
        JsonNode messages = document.path("components").path("messages");
        for (Iterator<Map.Entry<String, JsonNode>> it = messages.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> message = it.next();
            JsonNode m = message.getValue();
            String name = m.path("name").asText(message.getKey());
            String type = ceTypeConstant(m.path("headers"));
            if (type == null) {
                type = PREFIX + service + "." + name;
            }
            String summary = m.hasNonNull("summary") ? m.get("summary").asText() : m.path("title").asText(name);
            found.add(new EventTypeView(type, service, summary));
        }
        return found;
    }

    /** The {@code ce_type: {const: …}} somewhere in the message's headers schema (inside its allOf). */
    private static String ceTypeConstant(JsonNode headers) {
        for (JsonNode ceType : headers.findValues("ce_type")) {
            if (ceType.hasNonNull("const") && ceType.get("const").asText().startsWith(PREFIX)) {
                return ceType.get("const").asText();
            }
        }
        return null;
    }
}
