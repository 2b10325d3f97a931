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
        String text,
        IncidentSource source,
        UUID alertGroupId) {

    /** {@code where ...} (or empty) over alias {@code i}. */
    public String where(Map<String, Object> params) {
        String conditions = conditions(params, true);
        return conditions.isEmpty() ? "" : " where " + conditions;
    }

    /**
     * The conditions of every filter but the text search, joined by {@code and} (or empty): the relevance order
     * searches number and title first, then the rest (IncidentQueries.byRelevance).
     */
    public String whereWithoutText(Map<String, Object> params) {
        return conditions(params, false);
    }

    /**
     * The conditions of every filter but state and priority (or empty): a list filtered by several states and
     * priorities is read as one index range per (state, priority) pair (IncidentQueries.byStateAndPriority).
     */
    public String whereWithoutStateAndPriority(Map<String, Object> params) {
        return conditions(params, true, false);
    }

    /**
     * Several states and several priorities asked for together (at least two pairs): no single index range holds
     * their matches in opened_at order.
     */
    public boolean hasSeveralStatePriorityPairs() {
        return states != null && priorities != null && !states.isEmpty() && !priorities.isEmpty()
                && states.stream().distinct().count() * priorities.stream().distinct().count() >= 2;
    }

    private String conditions(Map<String, Object> params, boolean withText) {
        return conditions(params, withText, true);
    }

    private String conditions(Map<String, Object> params, boolean withText, boolean withStateAndPriority) {
        StringBuilder q = new StringBuilder();
        if (withStateAndPriority && states != null && !states.isEmpty()) {
            and(q, "i.state in :states");
            params.put("states", states);
        }
        if (withStateAndPriority && priorities != null && !priorities.isEmpty()) {
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
        if (source != null) {
            and(q, "i.source = :source");
            params.put("source", source);
        }
        if (alertGroupId != null) {
            and(q, "i.alertGroupId = :alertGroupId");
            params.put("alertGroupId", alertGroupId);
        }
        String words = searchText();
        if (words != null && withText) {
            // the full-text document (GIN index): see the platform's search.TextSearchFunctions and V5__incident_search.sql
            and(q, "text_matches(i.searchDocument, :text) = true");
            params.put("text", words);
        }
        return q.toString();
    }

    /**
     * {@code q} as handed to {@code websearch_to_tsquery}, or null when there is none: control
     * characters (NUL cannot even be sent to PostgreSQL) become spaces, blank means no search.
     */
    public String searchText() {
        if (text == null) {
            return null;
        }
        String cleaned = text.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    /**
     * Whether the summary can be read from the maintained counters ({@code incident_count}: service,
     * state, priority); any other filter needs the incidents themselves.
     */
    public boolean countedByCounters() {
        return assignmentGroup == null && assignee == null && major == null && parentIncidentId == null
                && openedFrom == null && openedTo == null && searchText() == null && source == null && alertGroupId == null;
    }

    public static IncidentFilter none() {
        return new IncidentFilter(null, null, null, null, null, null, null, null, null, null, null, null);
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
