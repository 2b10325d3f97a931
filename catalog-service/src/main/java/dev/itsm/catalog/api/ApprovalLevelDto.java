package dev.itsm.catalog.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.platform.approval.ApprovalRule;
import dev.itsm.platform.approval.LevelSpec;
import dev.itsm.platform.problem.Problem;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Schema(name = "ServiceRelationshipApprovalLevel", description = "One approval level a request under the relationship passes, in order")
public record ApprovalLevelDto(
        @Schema(example = "Team lead") @NotBlank @Size(max = 200) String name,
        @Schema(description = "ANY: one approval passes the level; ALL: every approver; QUORUM: quorum approvals") @NotNull ApprovalRule rule,
        @Schema(nullable = true, minimum = "1", example = "2", description = "QUORUM only (1 … number of approvers); "
                + "derived for ANY (1) and ALL (every approver)") Integer quorum,
        @Schema(description = "Token subjects of the approvers", example = "[\"tom\", \"tina\"]") @NotEmpty @Size(max = 50)
        List<@NotBlank @Size(max = 200) String> approvers) {

    /** The level in the platform's terms, or the field errors at {@code at} (e.g. {@code approvalLevels[0]}). */
    public LevelSpec toSpec(String at, List<Problem.FieldError> errors) {
        if (new LinkedHashSet<>(approvers).size() != approvers.size()) {
            errors.add(new Problem.FieldError(at + ".approvers", "names an approver twice"));
        }
        int n = approvers.size();
        int q = switch (rule) {
            case ANY -> 1;
            case ALL -> n;
            case QUORUM -> quorum == null ? 0 : quorum;
        };
        if (rule == ApprovalRule.QUORUM && (q < 1 || q > n)) {
            errors.add(new Problem.FieldError(at + ".quorum", "must be between 1 and the number of approvers (" + n + ") for QUORUM"));
        } else if (rule != ApprovalRule.QUORUM && quorum != null && quorum != q) {
            errors.add(new Problem.FieldError(at + ".quorum", "is " + q + " for " + rule + " (send it only with QUORUM)"));
        }
        return new LevelSpec(name, rule, q, new ArrayList<>(approvers));
    }

    public static ApprovalLevelDto of(LevelSpec level) {
        return new ApprovalLevelDto(level.name(), level.rule(), level.rule() == ApprovalRule.QUORUM ? level.quorum() : null,
                level.approvers());
    }
}
