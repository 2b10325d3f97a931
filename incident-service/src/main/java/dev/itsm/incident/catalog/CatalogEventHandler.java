package dev.itsm.incident.catalog;

import java.time.Instant;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import dev.itsm.platform.events.PoisonEventException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps the local catalogue replica: {@code ServiceCreated/Updated/StatusChanged} upsert a
 * {@link CatalogService}, {@code ConfigurationItemChanged} upserts a {@link CatalogCi}. Runs in the
 * platform inbox transaction (a redelivered event id is skipped); an event older than what the
 * replica already has is ignored, so out-of-order copies cannot roll it back. Other types are ignored.
 */
@ApplicationScoped
public class CatalogEventHandler implements EventHandler {

    public static final String TOPIC = "itsm.catalog.events";
    private static final Logger LOG = Logger.getLogger(CatalogEventHandler.class);

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public void handle(InboundEvent event) {
        if (event.is("ServiceCreated") || event.is("ServiceUpdated") || event.is("ServiceStatusChanged")) {
            applyService(event);
        } else if (event.is("ConfigurationItemChanged")) {
            applyCi(event);
        }
    }

    private void applyService(InboundEvent event) {
        JsonNode d = event.data();
        UUID id = uuid(d, "serviceId", event);
        String name = text(d, "name");
        String status = text(d, "status");
        if (name == null || status == null) {
            throw new PoisonEventException(event.type() + " " + event.id() + " lacks name or status");
        }
        Instant at = occurredAt(d, event);
        CatalogService s = CatalogService.findById(id);
        if (s == null) {
            s = new CatalogService();
            s.serviceId = id;
        } else if (s.lastEventAt.isAfter(at)) {
            LOG.debugf("Ignoring stale %s for service %s", event.type(), id);
            return;
        }
        s.key = text(d, "key");
        s.name = name;
        s.type = text(d, "type");
        s.owner = text(d, "owner");
        s.status = status;
        s.lastEventAt = at;
        s.persist();
    }

    private void applyCi(InboundEvent event) {
        JsonNode d = event.data();
        UUID id = uuid(d, "ciId", event);
        Instant at = occurredAt(d, event);
        CatalogCi ci = CatalogCi.findById(id);
        if (ci == null) {
            ci = new CatalogCi();
            ci.ciId = id;
        } else if (ci.lastEventAt.isAfter(at)) {
            return;
        }
        String name = text(d, "name");
        ci.name = name != null ? name : ci.name != null ? ci.name : id.toString();
        ci.ciClass = text(d, "ciClass");
        ci.environment = text(d, "environment");
        ci.status = text(d, "status");
        ci.deleted = d.path("deleted").asBoolean(false);
        ci.lastEventAt = at;
        ci.persist();
    }

    static UUID uuid(JsonNode d, String field, InboundEvent event) {
        String raw = text(d, field);
        try {
            return UUID.fromString(raw);
        } catch (RuntimeException e) {
            throw new PoisonEventException(event.type() + " " + event.id() + " has no valid " + field + ": " + raw, e);
        }
    }

    static Instant occurredAt(JsonNode d, InboundEvent event) {
        String raw = text(d, "occurredAt");
        if (raw != null) {
            try {
                return Instant.parse(raw);
            } catch (RuntimeException e) {
                // fall back to the CloudEvent time
            }
        }
        return event.time() != null ? event.time() : Instant.now();
    }

    static String text(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
