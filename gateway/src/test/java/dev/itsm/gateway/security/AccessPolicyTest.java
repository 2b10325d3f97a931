package dev.itsm.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The rules are the roles the service's OpenAPI document declares per operation, nothing else. */
class AccessPolicyTest {

    static final String AGENT = "itsm-agent";
    static final String MANAGER = "itsm-change-manager";
    static final String ADMIN = "itsm-admin";

    AccessPolicy changes = new AccessPolicy();

    AccessPolicyTest() {
        changes.learn(new JsonObject().put("paths", new JsonObject()
                .put("/api/v1/changes", new JsonObject()
                        .put("get", secured("itsm-reader", AGENT, MANAGER, ADMIN))
                        .put("post", secured(AGENT, MANAGER, ADMIN)))
                .put("/api/v1/changes/{id}", new JsonObject().put("patch", secured(AGENT, MANAGER, ADMIN)))
                .put("/api/v1/changes/{id}/approve", new JsonObject().put("post", secured(MANAGER, ADMIN)))
                .put("/api/v1/changes/{id}/submit", new JsonObject().put("post", secured(AGENT, MANAGER, ADMIN)))
                .put("/api/v1/changes/calendar", new JsonObject().put("get", secured(ADMIN)))
                .put("/api/v1/changes/open", new JsonObject().put("get", new JsonObject()))));
    }

    static JsonObject secured(String... roles) {
        return new JsonObject().put("security", new JsonArray()
                .add(new JsonObject().put("SecurityScheme", new JsonArray().add(roles[0])))
                .add(new JsonObject().put("bearer", new JsonArray(List.of((Object[]) roles)))));
    }

    static VerifiedToken as(String... roles) {
        return new VerifiedToken("u", Set.of(roles), Long.MAX_VALUE);
    }

    @Test
    void aKnownOperationNeedsOneOfTheRolesItsDocumentDeclares() {
        assertFalse(changes.allows(as(AGENT), HttpMethod.POST, "/api/v1/changes/1/approve"));
        assertTrue(changes.allows(as(MANAGER), HttpMethod.POST, "/api/v1/changes/1/approve"));
        assertTrue(changes.allows(as(ADMIN), HttpMethod.POST, "/api/v1/changes/1/approve"));
        assertTrue(changes.allows(as(AGENT), HttpMethod.POST, "/api/v1/changes/1/submit"));
        assertTrue(changes.allows(as(AGENT), HttpMethod.PATCH, "/api/v1/changes/1"));
        assertFalse(changes.allows(as("itsm-reader"), HttpMethod.PATCH, "/api/v1/changes/1"));
        assertEquals(Optional.of(Set.of(MANAGER, ADMIN)), changes.rolesFor(HttpMethod.POST, "/api/v1/changes/7/approve"));
    }

    @Test
    void headIsJudgedAsTheGetThatServesIt() {
        assertTrue(changes.allows(as("itsm-reader"), HttpMethod.HEAD, "/api/v1/changes"));
        assertFalse(changes.allows(as("offline_access"), HttpMethod.HEAD, "/api/v1/changes"));
    }

    @Test
    void aLiteralSegmentIsMoreSpecificThanATemplateVariable() {
        // GET /changes/calendar (admin only here) must not be judged as GET /changes/{id}
        assertFalse(changes.allows(as(AGENT), HttpMethod.GET, "/api/v1/changes/calendar"));
        // as in JAX-RS the path picks the resource first: PATCH /changes/calendar is no known operation
        assertEquals(Optional.empty(), changes.rolesFor(HttpMethod.PATCH, "/api/v1/changes/calendar"));
    }

    @Test
    void aLiteralThatLeadsNowhereGivesWayToTheVariableBesideIt() {
        // /changes/calendar/approve is no calendar operation: it is {id}=calendar's approve command
        assertEquals(Optional.of(Set.of(MANAGER, ADMIN)), changes.rolesFor(HttpMethod.POST, "/api/v1/changes/calendar/approve"));
        assertEquals(Optional.empty(), changes.rolesFor(HttpMethod.POST, "/api/v1/changes/1/approve/again"));
        assertEquals(Optional.empty(), changes.rolesFor(HttpMethod.GET, "/api/v1"));
    }

    @Test
    void unknownOperationsAndAMissingDocumentLeaveTheDecisionToTheService() {
        assertTrue(changes.allows(as("nobody"), HttpMethod.DELETE, "/api/v1/changes/1"), "method not declared");
        assertTrue(changes.allows(as("nobody"), HttpMethod.POST, "/api/v1/changes/1/explode"), "path not declared");
        assertTrue(changes.allows(as("nobody"), HttpMethod.GET, "/api/v1/changes/open"), "operation without roles");
        AccessPolicy unread = new AccessPolicy();
        assertEquals(0, unread.knownOperations());
        assertTrue(unread.allows(as(AGENT), HttpMethod.POST, "/api/v1/changes/1/approve"));
    }

    @Test
    void aNewDocumentReplacesTheRules() {
        assertEquals(6, changes.knownOperations());
        changes.learn(new JsonObject().put("paths", new JsonObject()
                .put("/api/v1/changes/{id}/approve", new JsonObject().put("post", secured(AGENT)))));
        assertTrue(changes.allows(as(AGENT), HttpMethod.POST, "/api/v1/changes/1/approve"));
        assertEquals(1, changes.knownOperations());
    }
}
