package dev.itsm.monitoring.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.itsm.monitoring.Alert;
import dev.itsm.monitoring.AlertState;
import dev.itsm.platform.http.NativeKeysetQuery;

/**
 * The alert list's filters, every one optional, combined with AND, as native SQL conditions with named parameters
 * only (values never become query text).
 *
 * @param severities lower-case severities (any of them)
 * @param serviceId  alerts whose serviceIds contain it (the GIN index on service_ids)
 * @param suppressed true: suppressed now (any reason); false: not suppressed
 * @param acknowledged true: someone acknowledged it
 * @param grouped    true: in an alert group; false: not (unrouted, or suppressed before correlation)
 * @param name       the alert name, exactly
 * @param text       {@code q}: a substring of name, summary or CI name (any case), or the alert number
 */
public record AlertFilter(
        List<AlertState> states,
        List<String> severities,
        UUID ciId,
        UUID serviceId,
        UUID groupId,
        Boolean suppressed,
        Boolean acknowledged,
        Boolean grouped,
        String name,
        String text) {

    /** No filter at all. */
    public static AlertFilter none() {
        return new AlertFilter(List.of(), List.of(), null, null, null, null, null, null, null, null);
    }

    /** The same filter with only these states. */
    public AlertFilter withStates(List<AlertState> only) {
        return new AlertFilter(only, severities, ciId, serviceId, groupId, suppressed, acknowledged, grouped, name, text);
    }

    /** The same filter narrowed to one group's alerts. */
    public AlertFilter inGroup(UUID group) {
        return new AlertFilter(states, severities, ciId, serviceId, group, suppressed, acknowledged, grouped, name, text);
    }

    public void applyTo(NativeKeysetQuery<Alert> query) {
        if (states != null && !states.isEmpty()) {
            query.where("state in (:states)", Map.of("states", states.stream().map(Enum::name).toList()));
        }
        if (severities != null && !severities.isEmpty()) {
            query.where("severity in (:severities)", Map.of("severities", severities));
        }
        if (ciId != null) {
            query.where("ci_id = :ciId", Map.of("ciId", ciId));
        }
        if (serviceId != null) {
            query.where("service_ids @> jsonb_build_array(cast(:serviceId as text))", Map.of("serviceId", serviceId.toString()));
        }
        if (groupId != null) {
            query.where("group_id = :groupId", Map.of("groupId", groupId));
        }
        if (suppressed != null) {
            query.where(suppressed ? "suppression_reason is not null" : "suppression_reason is null", Map.of());
        }
        if (acknowledged != null) {
            query.where(acknowledged ? "acknowledged_at is not null" : "acknowledged_at is null", Map.of());
        }
        if (grouped != null) {
            query.where(grouped ? "group_id is not null" : "group_id is null", Map.of());
        }
        if (name != null) {
            query.where("name = :name", Map.of("name", name));
        }
        String words = SearchText.clean(text);
        if (words != null) {
            Map<String, Object> p = new HashMap<>();
            p.put("text", SearchText.contains(words));
            p.put("number", words);
            query.where("(name ilike :text or summary ilike :text or ci_name ilike :text or number = upper(:number))", p);
        }
    }
}
