package dev.itsm.incident.catalog;

import java.time.Clock;

import org.jboss.logging.Logger;

import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
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

    private final Clock clock;

    CatalogEventHandler(Clock clock) {
        this.clock = clock;
    }

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
        CatalogService s = CatalogService.replicaOf(event.requiredUuid("serviceId"));
        if (s.replicate(event.text("key"), event.requiredText("name"), event.text("type"), event.text("owner"),
                event.requiredText("status"), event.occurredAt(clock.instant()))) {
            s.persist();
        } else {
            LOG.debugf("Ignoring stale %s for service %s", event.type(), s.serviceId());
        }
    }

    private void applyCi(InboundEvent event) {
        CatalogCi ci = CatalogCi.replicaOf(event.requiredUuid("ciId"));
        if (ci.replicate(event.text("name"), event.text("ciClass"), event.text("environment"), event.text("status"),
                event.bool("deleted", false), event.occurredAt(clock.instant()))) {
            ci.persist();
        }
    }
}
