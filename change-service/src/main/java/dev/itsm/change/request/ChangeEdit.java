package dev.itsm.change.request;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The fields of a change request a PATCH may edit (the merge patch applies to this record). The
 * caps are those of the create request: every field flows into the change's events.
 */
public record ChangeEdit(
        @NotBlank @Size(max = 200) String title,
        @Size(max = 10000) String description,
        @Size(max = 10000) String justification,
        @Size(max = 20000) String implementationPlan,
        @Size(max = 20000) String backoutPlan,
        @Size(max = 20000) String testPlan,
        Instant plannedStart,
        Instant plannedEnd,
        @Size(max = 200) List<@NotNull UUID> serviceIds,
        @Size(max = 500) List<@NotNull UUID> ciIds) {

    /** The fields that stay editable once the content is frozen: the planned window. */
    public static final List<String> WINDOW_FIELDS = List.of("plannedStart", "plannedEnd");

    /**
     * The content fields (everything but the window) in which this edit differs from {@code before},
     * in declaration order. Lists compare as sets: order and duplicates are not content.
     */
    public List<String> contentChangedFrom(ChangeEdit before) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(title == null ? null : title.strip(), before.title == null ? null : before.title.strip())) {
            changed.add("title");
        }
        differs(changed, "description", description, before.description);
        differs(changed, "justification", justification, before.justification);
        differs(changed, "implementationPlan", implementationPlan, before.implementationPlan);
        differs(changed, "backoutPlan", backoutPlan, before.backoutPlan);
        differs(changed, "testPlan", testPlan, before.testPlan);
        differs(changed, "serviceIds", asSet(serviceIds), asSet(before.serviceIds));
        differs(changed, "ciIds", asSet(ciIds), asSet(before.ciIds));
        return changed;
    }

    private static void differs(List<String> changed, String field, Object now, Object before) {
        if (!Objects.equals(now, before)) {
            changed.add(field);
        }
    }

    private static HashSet<UUID> asSet(List<UUID> ids) {
        return ids == null ? new HashSet<>() : new HashSet<>(ids);
    }
}
