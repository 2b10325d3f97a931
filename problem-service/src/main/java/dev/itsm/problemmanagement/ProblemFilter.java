package dev.itsm.problemmanagement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.itsm.platform.http.NativeKeysetQuery;

/**
 * List filters, every one optional, as native SQL conditions with named parameters only (values never
 * become query text). Services and CIs are uuid[] columns: {@code service_ids @> array[:id]} is one
 * probe of their GIN index.
 */
public record ProblemFilter(
        List<ProblemState> states,
        List<Priority> priorities,
        UUID serviceId,
        UUID ciId,
        String assignmentGroup,
        String assignee,
        String text) {

    /** Adds the conditions to {@code query}. */
    public void applyTo(NativeKeysetQuery<Problem> query) {
        if (states != null && !states.isEmpty()) {
            query.where("state in (:states)", Map.of("states", states.stream().map(Enum::name).toList()));
        }
        if (priorities != null && !priorities.isEmpty()) {
            query.where("priority in (:priorities)", Map.of("priorities", priorities.stream().map(Enum::name).toList()));
        }
        if (serviceId != null) {
            query.where("service_ids @> array[cast(:serviceId as uuid)]", Map.of("serviceId", serviceId));
        }
        if (ciId != null) {
            query.where("ci_ids @> array[cast(:ciId as uuid)]", Map.of("ciId", ciId));
        }
        if (assignmentGroup != null) {
            query.where("assignment_group = :assignmentGroup", Map.of("assignmentGroup", assignmentGroup));
        }
        if (assignee != null) {
            query.where("assignee = :assignee", Map.of("assignee", assignee));
        }
        String words = searchText();
        if (words != null) {
            Map<String, Object> p = new HashMap<>();
            p.put("text", "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            p.put("number", words);
            // a substring of the title or description, any case, or the number itself
            query.where("(title ilike :text or description ilike :text or number = upper(:number))", p);
        }
    }

    /** {@code q} without control characters (NUL cannot even be sent to PostgreSQL); null when blank. */
    public String searchText() {
        if (text == null) {
            return null;
        }
        String cleaned = text.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        return cleaned.isEmpty() ? null : cleaned;
    }
}
