package dev.itsm.monitoring.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.itsm.monitoring.AlertGroup;
import dev.itsm.monitoring.GroupState;
import dev.itsm.platform.http.NativeKeysetQuery;

/**
 * The alert-group list's filters, every one optional, combined with AND, as native SQL with named parameters.
 *
 * @param major     true: groups spanning two services or more
 * @param serviceId groups whose serviceIds contain it
 */
public record AlertGroupFilter(List<GroupState> states, Boolean major, UUID rootCiId, UUID serviceId) {

    public void applyTo(NativeKeysetQuery<AlertGroup> query) {
        if (states != null && !states.isEmpty()) {
            query.where("state in (:states)", Map.of("states", states.stream().map(Enum::name).toList()));
        }
        if (major != null) {
            query.where("major = :major", Map.of("major", major));
        }
        if (rootCiId != null) {
            query.where("root_ci_id = :rootCiId", Map.of("rootCiId", rootCiId));
        }
        if (serviceId != null) {
            query.where("service_ids @> jsonb_build_array(cast(:serviceId as text))", Map.of("serviceId", serviceId.toString()));
        }
    }
}
