package dev.itsm.request.catalog;

import dev.itsm.platform.approval.ApprovalRule;
import dev.itsm.platform.approval.LevelSpec;
import java.util.List;
import java.util.Locale;

/**
 * An approval level agreed in a service relationship (jsonb in {@code catalog_relationship.approval_levels}).
 *
 * @param quorum only meaningful for QUORUM; may be null otherwise
 */
public record LevelTerms(String name, String rule, Integer quorum, List<String> approvers) {

    public LevelTerms {
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
    }

    /** The platform's level: ANY needs one approval, ALL every approver, QUORUM its quorum. */
    public LevelSpec toSpec() {
        ApprovalRule r = ApprovalRule.valueOf(rule.toUpperCase(Locale.ROOT));
        int q = switch (r) {
            case ANY -> 1;
            case ALL -> approvers.size();
            case QUORUM -> quorum == null ? 1 : quorum;
        };
        return new LevelSpec(name, r, q, approvers);
    }
}
