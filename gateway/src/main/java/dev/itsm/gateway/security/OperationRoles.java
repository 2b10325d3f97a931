package dev.itsm.gateway.security;

import java.util.ArrayList;
import java.util.Arrays;
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
    public static final OperationRoles NONE = new OperationRoles(List.of());

    private final List<Template> templates;

    private record Template(String[] segments, Map<String, Set<String>> rolesByMethod) {
    }

    private OperationRoles(List<Template> templates) {
        this.templates = templates;
    }

    /** The operations of {@code openApi} that declare roles; operations without any are left unknown. */
    public static OperationRoles from(JsonObject openApi) {
        List<Template> templates = new ArrayList<>();
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
            if (!byMethod.isEmpty()) {
                templates.add(new Template(segments(path), Map.copyOf(byMethod)));
            }
        }
        return new OperationRoles(List.copyOf(templates));
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
        return templates.stream().mapToInt(t -> t.rolesByMethod().size()).sum();
    }

    /**
     * The roles the operation {@code method normalizedPath} allows, or empty when the document
     * declares no such operation (then the service decides alone).
     */
    public Optional<Set<String>> rolesFor(HttpMethod method, String normalizedPath) {
        String name = method == HttpMethod.HEAD ? "GET" : method.name();
        String[] path = segments(normalizedPath);
        Template best = null;
        for (Template template : templates) {
            if (matches(template.segments(), path) && (best == null || moreSpecific(template.segments(), best.segments()))) {
                best = template;
            }
        }
        return best == null ? Optional.empty() : Optional.ofNullable(best.rolesByMethod().get(name));
    }

    private static boolean matches(String[] template, String[] path) {
        if (template.length != path.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            if (!isVariable(template[i]) && !template[i].equals(path[i])) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code a} has a literal at the first position where it and {@code b} differ in kind. */
    private static boolean moreSpecific(String[] a, String[] b) {
        for (int i = 0; i < a.length; i++) {
            if (isVariable(a[i]) != isVariable(b[i])) {
                return !isVariable(a[i]);
            }
        }
        return false;
    }

    private static boolean isVariable(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static String[] segments(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }
}
