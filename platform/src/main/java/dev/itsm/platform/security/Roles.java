package dev.itsm.platform.security;

/** The roles of docs/ARCHITECTURE.md §6, as carried in the JWT {@code groups} claim. */
public final class Roles {

    /** May read everything. */
    public static final String READER = "itsm-reader";
    /** Works incidents. */
    public static final String AGENT = "itsm-agent";
    /** Approves and schedules changes. */
    public static final String CHANGE_MANAGER = "itsm-change-manager";
    /** Manages the service catalogue and configuration items. */
    public static final String CATALOG_ADMIN = "itsm-catalog-admin";
    /** Manages agreements and calendars. */
    public static final String SLA_ADMIN = "itsm-sla-admin";
    /** Manages webhook subscriptions (webhook-service), without the other administrative rights. */
    public static final String INTEGRATION_ADMIN = "itsm-integration-admin";
    /**
     * Owns problem management (problem-service): records root causes, publishes and retires known
     * errors, proposes fixes, closes and cancels problems. Agents may log problems and link incidents.
     */
    public static final String PROBLEM_MANAGER = "itsm-problem-manager";
    /**
     * Orders service offerings (request-service): sees and acts only on their own requests and those
     * of the consumer organisations where they are a CUSTOMER (object-level authorisation).
     */
    public static final String REQUESTER = "itsm-requester";
    /**
     * A monitoring tool (Prometheus Alertmanager, any webhook sender) that reports alerts to
     * monitoring-service's intake — and may do nothing else: a leaked tool token cannot read tickets.
     */
    public static final String EVENT_SOURCE = "itsm-event-source";
    /** May do everything. */
    public static final String ADMIN = "itsm-admin";

    private Roles() {
    }
}
