package dev.itsm.catalog.events;

import java.util.List;

import dev.itsm.platform.approval.ApprovalRule;
import dev.itsm.platform.approval.LevelSpec;

/**
 * One approval level of a service relationship inside its events, in the platform's {@link LevelSpec}
 * terms: {@code quorum} is how many approvals pass it (1 for ANY, every approver for ALL).
 */
public record ApprovalLevelFacts(String name, ApprovalRule rule, int quorum, List<String> approvers) {

    public static ApprovalLevelFacts of(LevelSpec level) {
        return new ApprovalLevelFacts(level.name(), level.rule(), level.quorum(), level.approvers());
    }
}
