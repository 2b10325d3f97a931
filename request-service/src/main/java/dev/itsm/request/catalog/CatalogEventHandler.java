package dev.itsm.request.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps the catalogue replica that {@link Ordering} decides on: {@code OfferingChanged} / {@code OfferingPublished} /
 * {@code OfferingWithdrawn} upsert the offering, {@code ConsumerOrganisationChanged} the organisation with its people,
 * {@code ServiceRelationshipChanged} the relationship. Every payload carries the full facts, so each event replaces
 * the row; one older than the row (by the catalogue's version, else occurredAt) has no effect, and a redelivered one
 * is skipped by the platform inbox. Other catalogue types (services, CIs, products) are ignored.
 */
@ApplicationScoped
public class CatalogEventHandler implements EventHandler {

    public static final String TOPIC = "itsm.catalog.events";
    private static final Logger LOG = Logger.getLogger(CatalogEventHandler.class);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final Clock clock;
    private final ObjectMapper json;

    CatalogEventHandler(Clock clock, ObjectMapper json) {
        this.clock = clock;
        this.json = json;
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public void handle(InboundEvent event) {
        switch (event.name()) {
            case "OfferingChanged", "OfferingPublished", "OfferingWithdrawn" -> applyOffering(event);
            case "ConsumerOrganisationChanged" -> applyOrganisation(event);
            case "ServiceRelationshipChanged" -> applyRelationship(event);
            default -> {
                // services, CIs, products: nothing ordering uses
            }
        }
    }

    private void applyOffering(InboundEvent event) {
        Instant at = event.occurredAt(clock.instant());
        OfferingReplica offering = OfferingReplica.replicaOf(event.requiredUuid("offeringId"));
        boolean known = !offering.isNew();
        String state = event.text("state") != null ? event.text("state") : event.text("status");
        if (state == null) {
            state = event.is("OfferingPublished") ? "PUBLISHED" : event.is("OfferingWithdrawn") ? "WITHDRAWN" : "DRAFT";
        }
        JsonNode form = event.payload().path("requestForm");
        if (!form.isMissingNode() && !form.isNull() && !form.isObject()) {
            throw event.poison("requestForm is not a JSON object");
        }
        if (!offering.replicate(event.requiredText("name"), state, event.uuids("serviceIds"), cost(event),
                form.isObject() ? json.convertValue(form, OBJECT) : null, components(event), event.longValue("version"), at)) {
            LOG.debugf("Ignoring stale %s for offering %s", event.name(), offering.id());
            return;
        }
        if (!known) {
            offering.persist();
        }
    }

    private void applyOrganisation(InboundEvent event) {
        Instant at = event.occurredAt(clock.instant());
        OrganisationReplica organisation = OrganisationReplica.replicaOf(event.requiredUuid("organisationId"));
        boolean known = !organisation.isNew();
        List<PersonReplica> people = new ArrayList<>();
        for (JsonNode p : array(event, "people")) {
            String subject = p.path("subject").asText(null);
            if (subject == null) {
                throw event.poison("a person has no subject");
            }
            List<String> roles = new ArrayList<>();
            p.path("roles").forEach(r -> roles.add(r.asText().toUpperCase(Locale.ROOT)));
            people.add(new PersonReplica(subject, p.path("displayName").asText(null), roles));
        }
        if (!organisation.replicate(event.requiredText("name"), event.uuid("parentId"), event.requiredText("state"), people,
                event.longValue("version"), at)) {
            LOG.debugf("Ignoring stale %s for organisation %s", event.name(), organisation.id());
            return;
        }
        if (!known) {
            organisation.persist();
        }
    }

    private void applyRelationship(InboundEvent event) {
        Instant at = event.occurredAt(clock.instant());
        RelationshipReplica relationship = RelationshipReplica.replicaOf(event.requiredUuid("relationshipId"));
        boolean known = !relationship.isNew();
        List<String> orderers = new ArrayList<>();
        array(event, "orderers").forEach(o -> orderers.add(o.asText()));
        List<LevelTerms> levels = new ArrayList<>();
        for (JsonNode l : array(event, "approvalLevels")) {
            List<String> approvers = new ArrayList<>();
            l.path("approvers").forEach(a -> approvers.add(a.asText()));
            String rule = l.path("rule").asText("ANY").toUpperCase(Locale.ROOT);
            if (!List.of("ANY", "ALL", "QUORUM").contains(rule)) {
                throw event.poison("approval level rule '" + rule + "' is not ANY, ALL or QUORUM");
            }
            JsonNode quorum = l.path("quorum");
            levels.add(new LevelTerms(l.path("name").asText("Level " + (levels.size() + 1)), rule,
                    quorum.isIntegralNumber() ? quorum.intValue() : null, approvers));
        }
        if (!relationship.replicate(event.requiredUuid("organisationId"), event.requiredUuid("offeringId"),
                event.text("sponsor"), orderers, event.instant("validFrom"), event.instant("validUntil"), levels,
                event.requiredText("state"), event.longValue("version"), at)) {
            LOG.debugf("Ignoring stale %s for relationship %s", event.name(), relationship.id());
            return;
        }
        if (!known) {
            relationship.persist();
        }
    }

    private static OfferingCost cost(InboundEvent event) {
        JsonNode cost = event.payload().path("cost");
        if (cost.isMissingNode() || cost.isNull()) {
            return null;
        }
        JsonNode amount = cost.path("amount");
        try {
            return new OfferingCost(new BigDecimal(amount.asText()), cost.path("currency").asText(null),
                    cost.path("period").asText(null));
        } catch (NumberFormatException e) {
            throw event.poison("cost.amount '" + amount.asText() + "' is not a number");
        }
    }

    /** Components in position order; a key missing (an event from before keys) is made as the catalogue's migration makes it. */
    private static List<ComponentReplica> components(InboundEvent event) {
        List<ComponentReplica> components = new ArrayList<>();
        for (JsonNode c : array(event, "components")) {
            String kind = c.path("kind").asText(null);
            if (kind == null) {
                throw event.poison("a component has no kind");
            }
            String key = c.path("key").asText(null);
            if (key == null) {
                key = kind.toLowerCase(Locale.ROOT).replace('_', '-') + "-" + (components.size() + 1);
            }
            String accessPeriod = c.path("accessPeriod").asText(null);
            if (accessPeriod != null) {
                try {
                    Duration.parse(accessPeriod);
                } catch (DateTimeParseException e) {
                    throw event.poison("component " + key + " accessPeriod '" + accessPeriod + "' is not an ISO-8601 duration");
                }
            }
            components.add(new ComponentReplica(key, kind, c.path("description").asText(null),
                    c.path("fulfilmentGroup").asText(null), accessPeriod));
        }
        return components;
    }

    private static Iterable<JsonNode> array(InboundEvent event, String field) {
        JsonNode n = event.payload().path(field);
        if (n.isMissingNode() || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw event.poison(field + " is not an array");
        }
        return n;
    }
}
