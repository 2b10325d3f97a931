package dev.itsm.incident.monitoring;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.itsm.incident.Impact;
import dev.itsm.incident.Incident;
import dev.itsm.incident.IncidentService;
import dev.itsm.incident.IncidentState;
import dev.itsm.incident.Urgency;
import dev.itsm.incident.catalog.CatalogCi;
import dev.itsm.incident.catalog.CatalogService;
import dev.itsm.platform.events.EventHandler;
import dev.itsm.platform.events.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Opens, escalates, resolves and reopens incidents from monitoring-service's alert groups on
 * {@code itsm.monitoring.events} (no synchronous call; key = groupId, so a group's events arrive in order):
 * <ul>
 * <li>{@code AlertGroupOpened} asking for an incident ({@code openIncident}) opens one (source MONITORING,
 * the group's id, caller {@code monitoring}), declared major when the group spans several services — unless
 * the group has one already (not CLOSED or CANCELED): a redelivery or a repeat opens nothing;</li>
 * <li>{@code AlertCorrelated} (an alert joined the group) declares its open incident major when the group
 * became major and raises its impact and urgency to the group's when those are higher;</li>
 * <li>{@code AlertGroupResolved} of an auto-resolving group resolves the open incident with the group's
 * resolution note, or only notes it when an agent has taken it over
 * ({@link IncidentService#resolveForAlertGroup});</li>
 * <li>{@code AlertGroupReopened} reopens a RESOLVED incident (within the reopen window); a CLOSED or
 * CANCELED one stays closed and a new incident is opened.</li>
 * </ul>
 * A group event older (by the group's {@code version}) than the last one applied to its incident is
 * ignored. A group that asks for no incident, or names no service, never gets one: that is logged, not
 * dead-lettered (no retry would change it). Other monitoring events are ignored. History actor
 * {@code monitoring-service}. Runs in the platform inbox transaction (a redelivered event id is skipped).
 */
@ApplicationScoped
public class MonitoringEventHandler implements EventHandler {

    public static final String TOPIC = "itsm.monitoring.events";
    /** The caller of incidents opened for alert groups. */
    static final String CALLER = "monitoring";
    private static final int TITLE_MAX = 200;
    private static final int DESCRIPTION_MAX = 10_000;
    private static final Logger LOG = Logger.getLogger(MonitoringEventHandler.class);

    private final IncidentService incidents;

    MonitoringEventHandler(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    /** The group events; the alert events (most of the topic in a storm) are passed over unread. */
    @Override
    public Set<String> types() {
        return Set.of("AlertGroupOpened", "AlertCorrelated", "AlertGroupResolved", "AlertGroupReopened");
    }

    @Override
    public void handle(InboundEvent event) {
        if (event.is("AlertGroupOpened")) {
            opened(AlertGroup.of(event));
        } else if (event.is("AlertCorrelated")) {
            correlated(AlertGroup.of(event));
        } else if (event.is("AlertGroupResolved")) {
            resolved(AlertGroup.of(event));
        } else if (event.is("AlertGroupReopened")) {
            reopened(AlertGroup.of(event));
        }
    }

    private void opened(AlertGroup group) {
        Incident latest = incidents.latestForAlertGroup(group.groupId());
        if (stale(group, latest, "AlertGroupOpened")) {
            return;
        }
        if (latest != null && (!latest.state().isFinal() || !group.newerThan(latest.alertGroupVersion()))) {
            // the group has its incident (a redelivered or repeated AlertGroupOpened opens nothing), or had one
            // that an agent closed or canceled since these facts: that was the agent's answer to them
            incidents.followAlertGroup(latest, group.versionAfter(latest.alertGroupVersion()));
            return;
        }
        open(group, "Opened for alert group " + group.name());
    }

    private void correlated(AlertGroup group) {
        Incident latest = incidents.latestForAlertGroup(group.groupId());
        if (stale(group, latest, "AlertCorrelated")) {
            return;
        }
        if (latest == null) {
            // the group's first AlertCorrelated may come before its AlertGroupOpened, or the group asked for no
            // incident when it opened and an alert whose rule asks for one joined it: either way, it wants one now
            if (group.openIncident() && !"RESOLVED".equals(group.state())) {
                open(group, "Opened for alert group " + group.name());
            }
            return;
        }
        incidents.escalateForAlertGroup(latest, group.major(), group.impact(), group.urgency(),
                group.versionAfter(latest.alertGroupVersion()), "Alert group " + group.name() + " grew to "
                        + group.alertCount() + " alert(s) on " + group.serviceIds().size() + " service(s)");
    }

    private void resolved(AlertGroup group) {
        Incident latest = incidents.latestForAlertGroup(group.groupId());
        if (latest == null || stale(group, latest, "AlertGroupResolved")) {
            return;
        }
        long version = group.versionAfter(latest.alertGroupVersion());
        String note = group.resolutionNote() != null ? group.resolutionNote()
                : "All alerts of alert group " + group.name() + " cleared.";
        if (!group.autoResolve()) {
            incidents.followAlertGroup(latest, version);
            if (latest.state().isOpen()) {
                incidents.noteForAlertGroup(latest, "Alerts cleared: " + note
                        + " Not resolved automatically: the alert rules of the group do not auto-resolve.");
            }
            return;
        }
        incidents.resolveForAlertGroup(latest, note, version); // a RESOLVED, CLOSED or CANCELED one: nothing to do
    }

    private void reopened(AlertGroup group) {
        Incident latest = incidents.latestForAlertGroup(group.groupId());
        if (stale(group, latest, "AlertGroupReopened")) {
            return;
        }
        String reason = group.reason() != null ? group.reason() : "Alert group " + group.name() + " fired again";
        if (latest == null || latest.state().isFinal()) {
            if (latest != null) {
                incidents.followAlertGroup(latest, group.versionAfter(latest.alertGroupVersion()));
            }
            open(group, "Opened for reopened alert group " + group.name()
                    + (latest == null ? "" : " (" + latest.number() + " is " + latest.state() + "): " + reason));
            return;
        }
        long version = group.versionAfter(latest.alertGroupVersion());
        if (latest.state() == IncidentState.RESOLVED && !incidents.reopenForAlertGroup(latest, reason, version)) {
            open(group, "Opened for reopened alert group " + group.name() + " (" + latest.number()
                    + " is past its reopen window): " + reason);
            return;
        }
        incidents.escalateForAlertGroup(latest, group.major(), group.impact(), group.urgency(), version,
                "Alert group " + group.name() + " reopened: " + reason);
    }

    /** Opens the group's incident, if it asks for one and names a service (else logs why not). */
    private void open(AlertGroup group, String detail) {
        if (!group.openIncident()) {
            LOG.infof("Alert group %s asks for no incident (openIncident false): none opened", group.name());
            return;
        }
        UUID serviceId = serviceOf(group);
        if (serviceId == null) {
            LOG.warnf("Alert group %s names no service: no incident opened", group.name());
            return;
        }
        UUID ciId = group.rootCiId();
        if (ciId != null) {
            CatalogCi ci = CatalogCi.findById(ciId);
            if (ci == null || ci.deleted()) {
                LOG.warnf("Alert group %s: root CI %s (%s) is not in the CMDB replica; the incident names no CI",
                        group.name(), ciId, group.rootCiName());
                ciId = null;
            }
        }
        Incident.Opening opening = new Incident.Opening(title(group), description(group), CALLER, serviceId, ciId,
                null, group.impact() != null ? group.impact() : Impact.MEDIUM,
                group.urgency() != null ? group.urgency() : Urgency.MEDIUM, incidents.monitoringAssignmentGroup(), null,
                null, null);
        Incident incident = incidents.openForAlertGroup(opening, group.groupId(), group.versionAfter(null),
                group.major(), detail);
        LOG.infof("Alert group %s: opened incident %s", group.name(), incident.number());
    }

    /**
     * The affected service: the group's first service that is LIVE in the catalogue replica (incidents
     * are opened against LIVE services), else its first one (the replica may lag behind monitoring-service's;
     * an outage is not dropped for that); null when the group names none.
     */
    private static UUID serviceOf(AlertGroup group) {
        List<UUID> services = group.serviceIds();
        if (services.isEmpty()) {
            return null;
        }
        for (UUID id : services) {
            CatalogService service = CatalogService.findById(id);
            if (service != null && service.isLive()) {
                return id;
            }
        }
        LOG.warnf("Alert group %s: none of its services %s is LIVE in the catalogue replica; opening against the first",
                group.name(), services);
        return services.get(0);
    }

    private static boolean stale(AlertGroup group, Incident latest, String type) {
        if (latest != null && group.olderThan(latest.alertGroupVersion())) {
            LOG.debugf("Ignoring stale %s of alert group %s (version %d, applied %d)", type, group.name(),
                    group.version(), latest.alertGroupVersion());
            return true;
        }
        return false;
    }

    private static String title(AlertGroup group) {
        String title = group.title() != null && !group.title().isBlank() ? group.title().strip()
                : "Alerts of alert group " + group.name();
        return title.length() <= TITLE_MAX ? title : title.substring(0, TITLE_MAX - 1) + "…";
    }

    private static String description(AlertGroup group) {
        StringBuilder d = new StringBuilder();
        if (group.description() != null && !group.description().isBlank()) {
            d.append(group.description().strip()).append("\n\n");
        }
        d.append("Alert group ").append(group.name()).append(" of monitoring-service");
        if (group.rootCiName() != null) {
            d.append(", root cause candidate ").append(group.rootCiName());
        }
        d.append(", ").append(group.alertCount()).append(" alert(s).");
        String text = d.toString();
        return text.length() <= DESCRIPTION_MAX ? text : text.substring(0, DESCRIPTION_MAX - 1) + "…";
    }
}
