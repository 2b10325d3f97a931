package dev.itsm.gateway.security;

import java.util.List;
import java.util.Map;

import io.vertx.core.http.HttpMethod;

/**
 * Which roles may call what, per docs/ARCHITECTURE.md §6, decided per upstream from the method and the
 * path: reads (GET, HEAD, OPTIONS) need any ITSM role; writes need one of the upstream's write roles, or —
 * for a {@code POST …/<command>} listed in the upstream's command roles — one of those.
 * {@code itsm-admin} may do everything. The services check again; the gateway only rejects early.
 */
public final class AccessPolicy {

    private final List<String> writeRoles;
    private final Map<String, List<String>> commandRoles;

    public AccessPolicy(List<String> writeRoles, Map<String, List<String>> commandRoles) {
        this.writeRoles = List.copyOf(writeRoles);
        this.commandRoles = Map.copyOf(commandRoles);
    }

    /** True when {@code token} may send {@code method} to {@code path}. */
    public boolean allows(VerifiedToken token, HttpMethod method, String path) {
        if (token.groups().contains(Roles.ADMIN)) {
            return true;
        }
        return token.hasAnyOf(rolesFor(method, path));
    }

    /** The roles (besides {@code itsm-admin}) that may send {@code method} to {@code path}. */
    public Iterable<String> rolesFor(HttpMethod method, String path) {
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            return Roles.ALL;
        }
        if (method == HttpMethod.POST && !commandRoles.isEmpty()) {
            List<String> forCommand = commandRoles.get(lastSegment(path));
            if (forCommand != null) {
                return forCommand;
            }
        }
        return writeRoles;
    }

    static String lastSegment(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        int start = path.lastIndexOf('/', end - 1);
        return path.substring(start + 1, end);
    }
}
