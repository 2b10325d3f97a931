package dev.itsm.platform.docs;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Makes the operator API's operation ids unique across the suite. Every service inherits the same
 * {@code AdminResource} methods, so their ids ({@code adminListDeadLetters}) would clash once the
 * gateway merges the documents; this prefixes them with the service's path base:
 * {@code /api/v1/incidents/admin/dead-letters} → {@code incidentsAdminListDeadLetters}.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class AdminOperationIdsFilter implements OASFilter {

    private static final Pattern ADMIN_PATH = Pattern.compile("^/api/v1/([a-z0-9-]+)/admin(/.*)?$");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            Matcher admin = ADMIN_PATH.matcher(path.getKey());
            if (!admin.matches() || path.getValue().getOperations() == null) {
                continue;
            }
            String base = camel(admin.group(1));
            for (Operation operation : path.getValue().getOperations().values()) {
                String id = operation.getOperationId();
                if (id != null && id.startsWith("admin")) {
                    operation.setOperationId(base + Character.toUpperCase(id.charAt(0)) + id.substring(1));
                }
            }
        }
    }

    /** {@code service-requests} → {@code serviceRequests}. */
    static String camel(String pathSegment) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : pathSegment.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
