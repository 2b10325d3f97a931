package dev.itsm.gateway.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Which roles each operation of one service allows, read from that service's own OpenAPI document:
 * Quarkus writes an endpoint's {@code @RolesAllowed} roles into the operation's
 * {@code security: [{<scheme>: [roles…]}]}, so the services' annotations stay the one source of the
 * role rules (the same reading as the test kit's {@code AuthMatrix}).
 *
 * <p>A path matches a template segment by segment ({@code {id}} takes any one segment); where
 * several templates match, the one with a literal segment where the other has a variable wins, as
 * in JAX-RS ({@code /changes/calendar} before {@code /changes/{id}}). {@code HEAD} is judged as the
 * {@code GET} that serves it.
 */
public final class OperationRoles {

    /** No document yet: every operation is unknown. */
    public static final OperationRoles NONE = new OperationRoles(new Node(), 0);

    /**
     * The templates as a tree of segments, so a request is matched in one walk down its path (not
     * against every template of the service, on every request): literal children by text, one child
     * for "any segment", and the roles by method where a template ends.
     */
    private static final class Node {
        final Map<String, Node> literals = new HashMap<>();
        Node variable;
        Map<String, Set<String>> rolesByMethod;

        Node child(String segment) {
            if (isVariable(segment)) {
                if (variable == null) {
                    variable = new Node();
                }
                return variable;
            }
            return literals.computeIfAbsent(segment, s -> new Node());
        }
    }

    private final Node root;
    private final int size;

    private OperationRoles(Node root, int size) {
        this.root = root;
        this.size = size;
    }

    /** The operations of {@code openApi} that declare roles; operations without any are left unknown. */
    public static OperationRoles from(JsonObject openApi) {
        Node root = new Node();
        int size = 0;
        JsonObject paths = openApi.getJsonObject("paths", new JsonObject());
        for (String path : paths.fieldNames()) {
            if (!(paths.getValue(path) instanceof JsonObject operations)) {
                continue;
            }
            Map<String, Set<String>> byMethod = new TreeMap<>();
            for (String method : operations.fieldNames()) {
                if (operations.getValue(method) instanceof JsonObject operation) {
                    Set<String> roles = declaredRoles(operation);
                    if (!roles.isEmpty()) {
                        byMethod.put(method.toUpperCase(Locale.ROOT), roles);
                    }
                }
            }
            if (byMethod.isEmpty()) {
                continue;
            }
            Node node = root;
            for (String segment : segments(path)) {
                node = node.child(segment);
            }
            if (node.rolesByMethod == null) {
                node.rolesByMethod = new HashMap<>();
            }
            for (Map.Entry<String, Set<String>> entry : byMethod.entrySet()) {
                // /x/{id} and /x/{key} are one template to a router: the first document entry wins
                if (node.rolesByMethod.putIfAbsent(entry.getKey(), entry.getValue()) == null) {
                    size++;
                }
            }
        }
        return new OperationRoles(root, size);
    }

    private static Set<String> declaredRoles(JsonObject operation) {
        Set<String> roles = new TreeSet<>();
        for (Object requirement : operation.getJsonArray("security", new JsonArray())) {
            if (requirement instanceof JsonObject schemes) {
                for (String scheme : schemes.fieldNames()) {
                    if (schemes.getValue(scheme) instanceof JsonArray names) {
                        names.forEach(name -> roles.add(String.valueOf(name)));
                    }
                }
            }
        }
        return Set.copyOf(roles);
    }

    /** Operations known (with their roles). */
    public int size() {
        return size;
    }

    /**
     * The roles the operation {@code method normalizedPath} allows, or empty when the document
     * declares no such operation (then the service decides alone).
     */
    public Optional<Set<String>> rolesFor(HttpMethod method, String normalizedPath) {
        String name = method == HttpMethod.HEAD ? "GET" : method.name();
        Node template = match(root, segments(normalizedPath), 0);
        return template == null ? Optional.empty() : Optional.ofNullable(template.rolesByMethod.get(name));
    }

    /**
     * The template {@code path} matches from {@code index} on, a literal segment tried before a
     * variable at every position — so the first template found is the most specific, as in JAX-RS.
     */
    private static Node match(Node node, String[] path, int index) {
        if (index == path.length) {
            return node.rolesByMethod == null ? null : node;
        }
        Node literal = node.literals.get(path[index]);
        Node found = literal == null ? null : match(literal, path, index + 1);
        if (found == null && node.variable != null) {
            found = match(node.variable, path, index + 1);
        }
        return found;
    }

    private static boolean isVariable(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    /** The non-empty segments of {@code path}, without a regular expression or a stream per request. */
    private static String[] segments(String path) {
        List<String> segments = new ArrayList<>(8);
        int start = 0;
        int length = path.length();
        while (start < length) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                segments.add(path.substring(start, end));
            }
            start = end + 1;
        }
        return segments.toArray(new String[0]);
    }
}
