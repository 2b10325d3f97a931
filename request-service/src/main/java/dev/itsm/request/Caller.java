package dev.itsm.request;

import dev.itsm.platform.security.Roles;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Who calls, as the object-level authorisation needs it: the token subject, whether the caller reads
 * every request (reader, agent, admin) and whether they act on any (agent, admin). Everyone else —
 * requesters, and approvers with any other role — sees only the requests that name them.
 */
public record Caller(String subject, boolean readsAll, boolean actsOnAll) {

    public static Caller of(SecurityContext security) {
        String subject = security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
        boolean acts = security.isUserInRole(Roles.AGENT) || security.isUserInRole(Roles.ADMIN);
        return new Caller(subject, acts || security.isUserInRole(Roles.READER), acts);
    }
}
