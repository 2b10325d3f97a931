package dev.itsm.incident.change;

import java.util.UUID;

import org.jboss.logging.Logger;

import dev.itsm.incident.IncidentService;
import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies links made on the change side to the incident ({@code ChangeIncidentLinked} /
 * {@code ChangeIncidentUnlinked} on {@code itsm.change.events}), so a link shows from both sides.
 * An incident this service does not know is skipped, not dead-lettered: the change service may link
 * an id that was never an incident here, and no retry would make it one. Other types are ignored.
 * Runs in the platform inbox transaction (a redelivered event id is skipped); repeating a link or
 * unlink changes nothing and publishes nothing.
 */
@ApplicationScoped
public class ChangeEventHandler implements EventHandler {

    public static final String TOPIC = "itsm.change.events";
    private static final Logger LOG = Logger.getLogger(ChangeEventHandler.class);

    private final IncidentService incidents;

    ChangeEventHandler(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public void handle(InboundEvent event) {
        boolean linked = event.is("ChangeIncidentLinked");
        if (!linked && !event.is("ChangeIncidentUnlinked")) {
            return;
        }
        UUID changeId = event.requiredUuid("changeId");
        UUID incidentId = event.requiredUuid("incidentId");
        if (!incidents.applyChangeLink(incidentId, changeId, event.text("changeNumber"), linked)) {
            LOG.debugf("Ignoring %s of change %s: incident %s is unknown here", event.name(), changeId, incidentId);
        }
    }
}
