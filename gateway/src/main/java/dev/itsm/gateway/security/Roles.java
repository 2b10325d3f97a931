package dev.itsm.gateway.security;

import java.util.Set;

/**
 * The roles of docs/ARCHITECTURE.md §6 as carried in the JWT {@code groups} claim — the same names as
 * {@code dev.itsm.platform.security.Roles}, repeated here on purpose so the gateway does not depend
 * on the platform module (which would pull in a datasource and Kafka).
 */
public final class Roles {

    public static final String READER = "itsm-reader";
    public static final String AGENT = "itsm-agent";
    public static final String CHANGE_MANAGER = "itsm-change-manager";
    public static final String CATALOG_ADMIN = "itsm-catalog-admin";
    public static final String SLA_ADMIN = "itsm-sla-admin";
    public static final String ADMIN = "itsm-admin";

    /** Any of these may read (GET/HEAD). */
    public static final Set<String> ALL = Set.of(READER, AGENT, CHANGE_MANAGER, CATALOG_ADMIN, SLA_ADMIN, ADMIN);

    private Roles() {
    }
}
