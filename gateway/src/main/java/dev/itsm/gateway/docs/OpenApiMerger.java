package dev.itsm.gateway.docs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Merges the services' OpenAPI documents into one: every path once, every component once (an
 * identical {@code Problem} schema from four services is kept once; a same-named but different one
 * is renamed {@code <Service><Name>} and its {@code $ref}s follow), tags once, servers pointing at
 * the gateway and the bearer scheme applied to the whole API.
 */
public final class OpenApiMerger {

    static final String SCHEME = "bearer";

    private OpenApiMerger() {
    }

    /** Names the bearer JWT security scheme under {@code components.securitySchemes.bearer}. */
    public static JsonObject bearerScheme() {
        return new JsonObject().put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
                .put("description", "A JWT from the ITSM issuer (or Keycloak); the gateway checks it and forwards it.");
    }

    /** One service's document, adjusted to be used through the gateway. */
    public static JsonObject throughGateway(JsonObject document, String gatewayOrigin) {
        JsonObject copy = document.copy();
        copy.put("servers", new JsonArray().add(new JsonObject().put("url", gatewayOrigin).put("description", "ITSM gateway")));
        JsonObject components = objectAt(copy, "components");
        objectAt(components, "securitySchemes").put(SCHEME, bearerScheme());
        if (!copy.containsKey("security")) {
            copy.put("security", new JsonArray().add(new JsonObject().put(SCHEME, new JsonArray())));
        }
        return copy;
    }

    /**
     * @param documents service name → its document (alphabetical order is kept)
     * @param unavailable services whose document could not be fetched (named in the description)
     */
    public static JsonObject merge(Map<String, JsonObject> documents, List<String> unavailable, String title,
            String gatewayOrigin) {
        JsonObject merged = new JsonObject();
        String version = documents.values().stream().map(d -> d.getString("openapi")).filter(v -> v != null)
                .findFirst().orElse("3.0.3");
        merged.put("openapi", version);
        String description = "The whole ITSM API through the gateway, merged from the services' documents ("
                + String.join(", ", documents.keySet()) + ")."
                + (unavailable.isEmpty() ? "" : " Not available right now: " + String.join(", ", unavailable) + ".");
        JsonObject info = new JsonObject().put("title", title).put("version", "v1").put("description", description);
        // the suite has one licence; the services' documents all name it
        documents.values().stream().map(d -> d.getJsonObject("info", new JsonObject()).getJsonObject("license"))
                .filter(license -> license != null).findFirst().ifPresent(license -> info.put("license", license.copy()));
        merged.put("info", info);
        merged.put("servers", new JsonArray().add(new JsonObject().put("url", gatewayOrigin).put("description", "ITSM gateway")));
        merged.put("security", new JsonArray().add(new JsonObject().put(SCHEME, new JsonArray())));
        JsonArray tags = new JsonArray();
        JsonObject paths = new JsonObject();
        JsonObject components = new JsonObject();
        merged.put("tags", tags);
        merged.put("paths", paths);
        merged.put("components", components);

        for (Map.Entry<String, JsonObject> entry : documents.entrySet()) {
            JsonObject document = entry.getValue().copy();
            String prefix = capitalize(entry.getKey());
            JsonObject theirComponents = document.getJsonObject("components", new JsonObject());
            Map<String, String> renames = new HashMap<>();
            for (String type : theirComponents.fieldNames()) {
                if (type.equals("securitySchemes")) {
                    continue;
                }
                JsonObject ours = components.getJsonObject(type);
                JsonObject theirs = theirComponents.getJsonObject(type);
                if (ours == null || theirs == null) {
                    continue;
                }
                for (String name : theirs.fieldNames()) {
                    if (ours.containsKey(name) && !ours.getValue(name).equals(theirs.getValue(name))) {
                        renames.put("#/components/" + type + "/" + name, "#/components/" + type + "/" + prefix + name);
                    }
                }
            }
            if (!renames.isEmpty()) {
                rewriteRefs(document, renames);
                theirComponents = document.getJsonObject("components", new JsonObject());
            }
            for (String type : new ArrayList<>(theirComponents.fieldNames())) {
                if (type.equals("securitySchemes")) {
                    continue;
                }
                JsonObject theirs = theirComponents.getJsonObject(type);
                if (theirs == null) {
                    continue;
                }
                JsonObject ours = objectAt(components, type);
                for (String name : theirs.fieldNames()) {
                    String ref = "#/components/" + type + "/" + name;
                    String target = renames.containsKey(ref) ? prefix + name : name;
                    if (!ours.containsKey(target)) {
                        ours.put(target, theirs.getValue(name));
                    }
                }
            }
            JsonObject theirPaths = document.getJsonObject("paths", new JsonObject());
            for (String path : theirPaths.fieldNames()) {
                JsonObject operations = theirPaths.getJsonObject(path);
                JsonObject existing = paths.getJsonObject(path);
                if (existing == null) {
                    paths.put(path, operations);
                } else {
                    operations.forEach(op -> existing.put(op.getKey(), existing.getValue(op.getKey()) == null
                            ? op.getValue()
                            : existing.getValue(op.getKey())));
                }
            }
            for (Object tag : document.getJsonArray("tags", new JsonArray())) {
                if (tag instanceof JsonObject t && tags.stream()
                        .noneMatch(o -> o instanceof JsonObject other && t.getString("name", "").equals(other.getString("name")))) {
                    tags.add(t);
                }
            }
        }
        objectAt(components, "securitySchemes").put(SCHEME, bearerScheme());
        return sortedPaths(merged);
    }

    private static JsonObject sortedPaths(JsonObject merged) {
        JsonObject paths = merged.getJsonObject("paths");
        Map<String, Object> sorted = new LinkedHashMap<>();
        paths.fieldNames().stream().sorted().forEach(p -> sorted.put(p, paths.getValue(p)));
        merged.put("paths", new JsonObject(sorted));
        return merged;
    }

    static void rewriteRefs(Object node, Map<String, String> renames) {
        if (node instanceof JsonObject object) {
            for (String key : new ArrayList<>(object.fieldNames())) {
                Object value = object.getValue(key);
                if (key.equals("$ref") && value instanceof String ref) {
                    String target = renames.get(ref);
                    if (target != null) {
                        object.put(key, target);
                    }
                } else if (key.equals("mapping") && value instanceof JsonObject mapping) {
                    for (String k : new ArrayList<>(mapping.fieldNames())) {
                        Object v = mapping.getValue(k);
                        if (v instanceof String s && renames.containsKey(s)) {
                            mapping.put(k, renames.get(s));
                        }
                    }
                } else {
                    rewriteRefs(value, renames);
                }
            }
        } else if (node instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                rewriteRefs(array.getValue(i), renames);
            }
        }
    }

    private static JsonObject objectAt(JsonObject parent, String key) {
        JsonObject child = parent.getJsonObject(key);
        if (child == null) {
            child = new JsonObject();
            parent.put(key, child);
        }
        return child;
    }

    private static String capitalize(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
