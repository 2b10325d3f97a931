package dev.itsm.problemmanagement.replica;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import dev.itsm.problemmanagement.ProblemService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes {@code itsm.change.events}: every {@code Change*} event that carries the change's facts ({@code changeId}
 * and {@code state}) upserts the {@link ChangeReplica}; the others (links, models, windows) are ignored.
 * {@code ChangeImplemented} marks the change implemented and moves the problems it fixes to verification;
 * {@code ChangeCanceled} / {@code ChangeRejected} send them back to KNOWN_ERROR. A stale event (older than the
 * replica) has no effect at all; a redelivered one is skipped by the platform inbox.
 */
@ApplicationScoped
public class ChangeEventHandler implements EventHandler {

    public static final String TOPIC = "itsm.change.events";
    private static final Logger LOG = Logger.getLogger(ChangeEventHandler.class);

    private final ProblemService problems;
    private final Clock clock;

    ChangeEventHandler(ProblemService problems, Clock clock) {
        this.problems = problems;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public void handle(InboundEvent event) {
        if (!event.name().startsWith("Change")) {
            return;
        }
        UUID changeId = event.uuid("changeId");
        String state = event.text("state");
        if (changeId == null || state == null) {
            return; // ChangeIncidentLinked, ChangeModelChanged, ChangeWindowChanged: not the change's facts
        }
        Instant at = event.occurredAt(clock.instant());
        boolean implemented = event.is("ChangeImplemented");
        ChangeReplica change = ChangeReplica.replicaOf(changeId);
        boolean known = change.occurredAt() != null;
        if (!change.replicate(event.text("number"), event.text("title"), state, implemented, at)) {
            LOG.debugf("Ignoring stale %s for change %s", event.name(), changeId);
            return;
        }
        if (!known) {
            change.persist();
        }
        if (implemented) {
            problems.onChangeImplemented(changeId, change.number(), at);
        } else if (event.is("ChangeCanceled") || event.is("ChangeRejected")) {
            problems.onChangeAbandoned(changeId, change.number(), state, at);
        }
    }
}
