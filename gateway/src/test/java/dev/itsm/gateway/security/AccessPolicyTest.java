package dev.itsm.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpMethod;

class AccessPolicyTest {

    AccessPolicy changes = new AccessPolicy(List.of(Roles.AGENT, Roles.CHANGE_MANAGER),
            Map.of("approve", List.of(Roles.CHANGE_MANAGER), "reject", List.of(Roles.CHANGE_MANAGER)));
    AccessPolicy adminOnly = new AccessPolicy(List.of(), Map.of());

    static VerifiedToken as(String... roles) {
        return new VerifiedToken("u", Set.of(roles), Long.MAX_VALUE);
    }

    @Test
    void anyItsmRoleReadsButATokenWithoutOneDoesNot() {
        for (String role : Roles.ALL) {
            assertTrue(adminOnly.allows(as(role), HttpMethod.GET, "/api/v1/x"), role);
            assertTrue(adminOnly.allows(as(role), HttpMethod.HEAD, "/api/v1/x"), role);
        }
        assertFalse(adminOnly.allows(as("offline_access"), HttpMethod.GET, "/api/v1/x"));
        assertFalse(adminOnly.allows(as(), HttpMethod.GET, "/api/v1/x"));
    }

    @Test
    void commandsWithTheirOwnRolesOverrideTheWriteRoles() {
        assertTrue(changes.allows(as(Roles.AGENT), HttpMethod.POST, "/api/v1/changes/1/submit"));
        assertFalse(changes.allows(as(Roles.AGENT), HttpMethod.POST, "/api/v1/changes/1/approve"));
        assertFalse(changes.allows(as(Roles.AGENT), HttpMethod.POST, "/api/v1/changes/1/reject/"));
        assertTrue(changes.allows(as(Roles.CHANGE_MANAGER), HttpMethod.POST, "/api/v1/changes/1/approve"));
        assertTrue(changes.allows(as(Roles.AGENT), HttpMethod.PATCH, "/api/v1/changes/1"));
    }

    @Test
    void adminMayDoEverythingEvenWhereNoWriteRolesAreConfigured() {
        assertTrue(adminOnly.allows(as(Roles.ADMIN), HttpMethod.DELETE, "/api/v1/x/1"));
        assertFalse(adminOnly.allows(as(Roles.SLA_ADMIN), HttpMethod.DELETE, "/api/v1/x/1"));
    }

    @Test
    void theLastPathSegmentIsTheCommand() {
        assertEquals("approve", AccessPolicy.lastSegment("/api/v1/changes/1/approve"));
        assertEquals("approve", AccessPolicy.lastSegment("/api/v1/changes/1/approve//"));
        assertEquals("changes", AccessPolicy.lastSegment("/api/v1/changes"));
    }
}
