package dev.itsm.catalog.consumer;

import static dev.itsm.catalog.consumer.RelationshipCommand.TERMINATE;
import static dev.itsm.catalog.consumer.RelationshipCommand.UPDATE;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Whether a service relationship holds. Validity dates narrow an ACTIVE one further (request-service
 * orders only under one that is ACTIVE and valid now); TERMINATED is final.
 *
 * <pre>
 * ACTIVE ──terminate──▶ TERMINATED      (edits allowed while ACTIVE)
 * </pre>
 */
@Schema(name = "ServiceRelationshipState", description = "ACTIVE, or TERMINATED (final)")
public enum RelationshipState {
    ACTIVE(TERMINATE, UPDATE),
    TERMINATED;

    private final Set<RelationshipCommand> allowed;

    RelationshipState(RelationshipCommand... allowed) {
        this.allowed = allowed.length == 0 ? EnumSet.noneOf(RelationshipCommand.class) : EnumSet.of(allowed[0], allowed);
    }

    public boolean allows(RelationshipCommand command) {
        return allowed.contains(command);
    }

    /** The POST commands accepted in this state, as their URL names. */
    public List<String> allowedCommands() {
        return allowed.stream().filter(c -> c != UPDATE).map(RelationshipCommand::wireName).toList();
    }
}
