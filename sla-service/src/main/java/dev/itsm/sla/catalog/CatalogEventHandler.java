package dev.itsm.sla.catalog;

import java.time.Clock;

import org.jboss.logging.Logger;

import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps the replica of the catalogue's services: {@code ServiceCreated/Updated/StatusChanged} upsert a
 * {@link CatalogServiceReplica}. Runs in the platform inbox transaction (a redelivered event id is
 * skipped); an event older than what the replica has is ignored, so out-of-order copies cannot roll it
 * back. Other types (CIs, offerings, products) are not ours to keep.
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
        if (!event.is("ServiceCreated") && !event.is("ServiceUpdated") && !event.is("ServiceStatusChanged")) {
            return;
        }
        CatalogServiceReplica s = CatalogServiceReplica.replicaOf(event.requiredUuid("serviceId"));
        // the catalogue's lifecycle field is `status`; the vocabulary's `state` carries the same value
        String status = event.text("status") != null ? event.text("status") : event.requiredText("state");
        if (s.replicate(event.text("key"), event.requiredText("name"), status, event.occurredAt(clock.instant()))) {
            s.persist();
        } else {
            LOG.debugf("Ignoring stale %s for service %s", event.type(), s.serviceId());
        }
    }
}
