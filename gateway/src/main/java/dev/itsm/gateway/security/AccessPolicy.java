package dev.itsm.gateway.security;

import java.util.Optional;
import java.util.Set;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

/**
 * The gateway's early role check for one upstream. It holds no rules of its own: they are the
 * roles the service's operations declare in its OpenAPI document ({@link OperationRoles}), learnt
 * whenever the document is fetched. An operation the document names is refused here when the token
 * has none of its roles; anything else — an operation the document does not name, or no document
 * yet — is forwarded, and the service, which enforces the same {@code @RolesAllowed} itself, decides.
 */
public final class AccessPolicy {

    private volatile OperationRoles operations = OperationRoles.NONE;

    /** Takes the role rules of a (re)fetched OpenAPI document of the upstream. */
    public void learn(JsonObject openApi) {
        operations = OperationRoles.from(openApi);
    }

    /** Operations whose roles are known; 0 until the upstream's document has been read. */
    public int knownOperations() {
        return operations.size();
    }

    /** False only when the operation is known and {@code token} holds none of its roles. */
    public boolean allows(VerifiedToken token, HttpMethod method, String normalizedPath) {
        return rolesFor(method, normalizedPath).map(token::hasAnyOf).orElse(true);
    }

    /** The roles the operation allows, when the upstream's document declares it. */
    public Optional<Set<String>> rolesFor(HttpMethod method, String normalizedPath) {
        return operations.rolesFor(method, normalizedPath);
    }
}
