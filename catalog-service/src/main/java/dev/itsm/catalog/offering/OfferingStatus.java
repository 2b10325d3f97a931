package dev.itsm.catalog.offering;

import static dev.itsm.catalog.offering.OfferingCommand.PUBLISH;
import static dev.itsm.catalog.offering.OfferingCommand.UPDATE;
import static dev.itsm.catalog.offering.OfferingCommand.WITHDRAW;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Where an offering is, and which commands each status accepts. The target statuses are in
 * {@link Offering}'s command methods.
 *
 * <pre>
 * DRAFT ──publish──▶ PUBLISHED ──withdraw──▶ WITHDRAWN      (edits allowed until WITHDRAWN, which is final)
 *   └──────────────withdraw──────────────────▲
 * </pre>
 */
public enum OfferingStatus {
    DRAFT(PUBLISH, WITHDRAW, UPDATE),
    /** In the catalogue for its target consumer group; an edit republishes it. */
    PUBLISHED(WITHDRAW, UPDATE),
    WITHDRAWN;

    private final Set<OfferingCommand> allowed;

    OfferingStatus(OfferingCommand... allowed) {
        this.allowed = allowed.length == 0 ? EnumSet.noneOf(OfferingCommand.class) : EnumSet.of(allowed[0], allowed);
    }

    public boolean allows(OfferingCommand command) {
        return allowed.contains(command);
    }

    /** The POST commands accepted in this status, as their URL names (in {@link OfferingCommand} order). */
    public List<String> allowedCommands() {
        return allowed.stream().filter(c -> c != UPDATE).map(OfferingCommand::wireName).toList();
    }
}
