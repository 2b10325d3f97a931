package dev.itsm.problemmanagement.replica;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps the replica of the catalogue's configuration items and their CI-to-CI relations, the dependency graph the
 * candidate detector walks upstream. {@code ConfigurationItemChanged} upserts a {@link CatalogCi} (a deleted CI
 * also loses its relations); {@code CiRelationChanged} ADDED upserts a {@link CatalogCiRelation}, REMOVED deletes
 * it. Relations to a service (targetType SERVICE) are not part of the CI graph and are skipped. Events older than
 * the replica are ignored; other types (services, offerings) carry nothing problem management uses.
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
        if (event.is("ConfigurationItemChanged")) {
            applyCi(event);
        } else if (event.is("CiRelationChanged")) {
            applyRelation(event);
        }
    }

    private void applyCi(InboundEvent event) {
        Instant at = event.occurredAt(clock.instant());
        CatalogCi ci = CatalogCi.replicaOf(event.requiredUuid("ciId"));
        boolean known = ci.updatedAt() != null;
        boolean deleted = event.bool("deleted", false);
        if (!ci.replicate(event.text("name"), deleted, at)) {
            LOG.debugf("Ignoring stale %s for CI %s", event.name(), ci.id());
            return;
        }
        if (!known) {
            ci.persist();
        }
        if (deleted) {
            CatalogCiRelation.delete("sourceId = ?1 or targetId = ?1", ci.id());
        }
    }

    private void applyRelation(InboundEvent event) {
        Instant at = event.occurredAt(clock.instant());
        UUID relationId = event.requiredUuid("relationId");
        CatalogCiRelation relation = CatalogCiRelation.replicaOf(relationId);
        if (relation.isNewerThan(at)) {
            LOG.debugf("Ignoring stale %s for relation %s", event.name(), relationId);
            return;
        }
        boolean known = relation.sourceId() != null;
        String targetType = event.text("targetType");
        if ("REMOVED".equalsIgnoreCase(event.text("change")) || (targetType != null && !"CI".equalsIgnoreCase(targetType))) {
            if (known) {
                relation.delete();
            }
            return;
        }
        relation.replicate(event.requiredUuid("sourceId"), event.requiredText("relation").toLowerCase(Locale.ROOT),
                event.requiredUuid("targetId"), at);
        if (!known) {
            relation.persist();
        }
    }
}
