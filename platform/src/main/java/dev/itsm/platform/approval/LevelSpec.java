package dev.itsm.platform.approval;

import java.util.List;

/** A level as the policy describes it, before it is instantiated on a record. */
public record LevelSpec(String name, ApprovalRule rule, int quorum, List<String> approvers) {

    public LevelSpec {
        approvers = List.copyOf(approvers);
    }
}
