package dev.itsm.problemmanagement.replica;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import dev.itsm.problemmanagement.ProblemService;
import dev.itsm.problemmanagement.candidate.CandidateDetector;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes {@code itsm.incident.events}: every {@code Incident*} event (and {@code MajorIncidentDeclared}) upserts
 * the {@link IncidentReplica}. {@code IncidentOpened} and {@code IncidentReopened} then give problem management its
 * two reactions, in this order: problems in fix verification that the incident matches reopen (and link it), then
 * the candidate detector looks for recurrence among the incidents still unlinked. Runs in the platform inbox
 * transaction (a redelivered event id is skipped); an event older than what the replica holds is ignored
 * entirely, so a late copy can neither roll the replica back nor reopen anything. Other types are ignored.
 */
@ApplicationScoped
public class IncidentEventHandler implements EventHandler {

    public static final String TOPIC = "itsm.incident.events";
    private static final Logger LOG = Logger.getLogger(IncidentEventHandler.class);

    private final ProblemService problems;
    private final CandidateDetector detector;
    private final Clock clock;

    IncidentEventHandler(ProblemService problems, CandidateDetector detector, Clock clock) {
        this.problems = problems;
        this.detector = detector;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public void handle(InboundEvent event) {
        if (!(event.name().startsWith("Incident") || event.is("MajorIncidentDeclared"))) {
            return; // tolerant reader: types we do not know carry nothing for us
        }
        UUID incidentId = event.requiredUuid("incidentId");
        Instant at = event.occurredAt(clock.instant());
        IncidentReplica incident = IncidentReplica.replicaOf(incidentId);
        boolean known = !incident.isNew();
        if (!incident.replicate(event.text("number"), event.text("title"), event.text("state"), event.text("priority"),
                event.payload().has("serviceId") ? event.uuid("serviceId") : incident.serviceId(),
                event.payload().has("ciId") ? event.uuid("ciId") : incident.ciId(),
                event.instant("openedAt"), at)) {
            LOG.debugf("Ignoring stale %s for incident %s", event.name(), incidentId);
            return;
        }
        if (!known) {
            incident.persist();
        }
        if (event.is("IncidentOpened") || event.is("IncidentReopened")) {
            problems.onIncidentOpened(incidentId, incident.serviceId(), incident.ciId(), incident.number(), at);
            detector.incidentOpened(incident);
        }
    }
}
