package dev.itsm.incident;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * List/summary filters; every one optional. Builds a JPQL condition with named parameters only
 * (values never become query text).
 */
public record IncidentFilter(
        List<IncidentState> states,
        List<Priority> priorities,
        UUID serviceId,
        String assignmentGroup,
        String assignee,
        Boolean major,
        UUID parentIncidentId,
        Instant openedFrom,
        Instant openedTo,
        String text) {

    /** {@code where ...} (or empty) over alias {@code i}. */
    public String where(Map<String, Object> params) {
        StringBuilder q = new StringBuilder();
        if (states != null && !states.isEmpty()) {
            and(q, "i.state in :states");
            params.put("states", states);
        }
        if (priorities != null && !priorities.isEmpty()) {
            and(q, "i.priority in :priorities");
            params.put("priorities", priorities);
        }
        if (serviceId != null) {
            and(q, "i.serviceId = :serviceId");
            params.put("serviceId", serviceId);
        }
        if (assignmentGroup != null) {
            and(q, "i.assignmentGroup = :group");
            params.put("group", assignmentGroup);
        }
        if (assignee != null) {
            and(q, "i.assignee = :assignee");
            params.put("assignee", assignee);
        }
        if (major != null) {
            and(q, "i.majorIncident = :major");
            params.put("major", major);
        }
        if (parentIncidentId != null) {
            and(q, "i.parentIncidentId = :parent");
            params.put("parent", parentIncidentId);
        }
        if (openedFrom != null) {
            and(q, "i.openedAt >= :openedFrom");
            params.put("openedFrom", openedFrom);
        }
        if (openedTo != null) {
            and(q, "i.openedAt < :openedTo");
            params.put("openedTo", openedTo);
        }
        if (text != null && !text.isBlank()) {
            and(q, "(lower(i.title) like :text escape '\\' or lower(i.number) like :text escape '\\'"
                    + " or lower(coalesce(i.description, '')) like :text escape '\\')");
            params.put("text", "%" + text.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return q.isEmpty() ? "" : " where " + q;
    }

    public static IncidentFilter none() {
        return new IncidentFilter(null, null, null, null, null, null, null, null, null, null);
    }

    private static void and(StringBuilder q, String condition) {
        if (!q.isEmpty()) {
            q.append(" and ");
        }
        q.append(condition);
    }

    static Map<String, Object> params() {
        return new HashMap<>();
    }
}
