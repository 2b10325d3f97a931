package dev.itsm.incident.knownerror;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.itsm.incident.IncidentService;
import dev.itsm.incident.knownerror.KnownErrorReplica.Status;
import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Follows problem management's known errors on {@code itsm.problem.events}:
 * <ul>
 * <li>{@code ProblemLogged} ({@code linkedIncidentIds}), {@code ProblemIncidentsLinked}, {@code ProblemIncidentLinked}
 * and {@code ProblemIncidentUnlinked} keep {@link ProblemLinks}: which incidents are linked to which problem. Each
 * event names at most 1,000 of a problem's incidents, so no single event can say which incidents a known error is for;</li>
 * <li>{@code KnownErrorPublished} (a first publication or a revision) upserts the ACTIVE replica and
 * tells every open incident linked to the problem that this service knows — those of {@link ProblemLinks} and of the
 * event's {@code linkedIncidentIds} (links made before this service kept them) — ({@link IncidentService#applyKnownError});</li>
 * <li>{@code KnownErrorRetired} marks the replica RETIRED: it no longer matches new incidents;</li>
 * <li>{@code ProblemIncidentLinked} of a problem that already has a known error tells the newly
 * linked incident the same, so agents see the workaround whenever the link is made.</li>
 * </ul>
 * Runs in the platform inbox transaction (a redelivered event id is skipped); an event older than what
 * the replica holds is ignored, and an incident is told about a revision once ({@link KnownErrorNotes}).
 * Incidents this service does not know are skipped, not dead-lettered: no retry would make them known.
 * Other types are ignored.
 */
@ApplicationScoped
public class KnownErrorEventHandler implements EventHandler {

    public static final String TOPIC = "itsm.problem.events";
    private static final Logger LOG = Logger.getLogger(KnownErrorEventHandler.class);

    private final IncidentService incidents;
    private final ProblemLinks links;
    private final Clock clock;

    KnownErrorEventHandler(IncidentService incidents, ProblemLinks links, Clock clock) {
        this.incidents = incidents;
        this.links = links;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public Set<String> types() {
        return Set.of("KnownErrorPublished", "KnownErrorRetired", "ProblemLogged", "ProblemIncidentsLinked",
                "ProblemIncidentLinked", "ProblemIncidentUnlinked");
    }

    @Override
    public void handle(InboundEvent event) {
        if (event.is("KnownErrorPublished")) {
            published(event);
        } else if (event.is("KnownErrorRetired")) {
            replicate(event, knownError(event), Status.RETIRED);
        } else if (event.is("ProblemLogged")) {
            links.link(event.requiredUuid("problemId"), event.uuids("linkedIncidentIds"));
        } else if (event.is("ProblemIncidentsLinked")) {
            links.link(event.requiredUuid("problemId"), event.uuids("incidentIds"));
        } else if (event.is("ProblemIncidentLinked")) {
            links.link(event.requiredUuid("problemId"), List.of(event.requiredUuid("incidentId")));
            linked(event);
        } else if (event.is("ProblemIncidentUnlinked")) {
            links.unlink(event.requiredUuid("problemId"), event.requiredUuid("incidentId"));
        }
    }

    private void published(InboundEvent event) {
        KnownErrorFacts knownError = knownError(event);
        if (!replicate(event, knownError, Status.ACTIVE)) {
            return;
        }
        Set<UUID> linked = new LinkedHashSet<>(links.incidentsOf(knownError.problemId()));
        linked.addAll(event.uuids("linkedIncidentIds"));
        for (UUID incidentId : linked) {
            tell(event, incidentId, knownError);
        }
    }

    private void linked(InboundEvent event) {
        UUID knownErrorId = event.uuid("knownErrorId");
        String workaround = event.text("workaround");
        if (knownErrorId == null || workaround == null) {
            return; // the problem has no known error yet: its KnownErrorPublished will tell the incident
        }
        KnownErrorReplica replica = KnownErrorReplica.findById(knownErrorId);
        KnownErrorFacts knownError;
        if (replica == null) {
            // cannot normally happen (same key, so KnownErrorPublished came first); the facts still carry enough
            knownError = new KnownErrorFacts(knownErrorId, knownErrorId.toString(), event.requiredUuid("problemId"),
                    event.text("number"), event.requiredText("title"), workaround, event.uuids("serviceIds"),
                    event.uuids("ciIds"), 0);
        } else if (replica.status() == Status.RETIRED) {
            return; // a retired known error's workaround is no longer offered
        } else {
            knownError = KnownErrorFacts.of(replica);
        }
        tell(event, event.requiredUuid("incidentId"), knownError);
    }

    private boolean replicate(InboundEvent event, KnownErrorFacts knownError, Status status) {
        KnownErrorReplica replica = KnownErrorReplica.replicaOf(knownError.knownErrorId());
        Instant at = event.occurredAt(clock.instant());
        if (!replica.replicate(knownError, status, at)) {
            LOG.debugf("Ignoring stale %s for known error %s", event.name(), knownError.number());
            return false;
        }
        replica.persist();
        return true;
    }

    private void tell(InboundEvent event, UUID incidentId, KnownErrorFacts knownError) {
        if (!incidents.applyKnownError(incidentId, knownError)) {
            LOG.debugf("%s %s: incident %s is unknown here", event.name(), knownError.number(), incidentId);
        }
    }

    /**
     * The known error of a KnownError* event: its {@code knownError} object (read with the platform's
     * tolerant readers, so a bad field is poison naming this event) and the problem's id and number.
     */
    private static KnownErrorFacts knownError(InboundEvent event) {
        JsonNode object = event.payload().path("knownError");
        if (!object.isObject()) {
            throw event.poison("knownError is missing");
        }
        InboundEvent ke = new InboundEvent(event.id(), event.type(), event.source(), event.subject(), event.time(),
                event.topic(), event.key(), object, event.notAfter());
        Long revision = ke.longValue("revision");
        return new KnownErrorFacts(ke.requiredUuid("knownErrorId"), ke.requiredText("number"),
                event.requiredUuid("problemId"), event.text("number"), ke.requiredText("title"),
                ke.requiredText("workaround"), ke.uuids("serviceIds"), ke.uuids("ciIds"),
                revision == null ? 1 : revision.intValue());
    }
}
