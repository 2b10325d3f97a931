package dev.itsm.catalog.consumer;

import static dev.itsm.catalog.consumer.OrganisationCommand.ACTIVATE;
import static dev.itsm.catalog.consumer.OrganisationCommand.DEACTIVATE;
import static dev.itsm.catalog.consumer.OrganisationCommand.UPDATE;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Whether a consumer organisation may order. An inactive one keeps its people and relationships (it
 * can be activated again) but request-service refuses its new requests.
 *
 * <pre>
 * ACTIVE ──deactivate──▶ INACTIVE ──activate──▶ ACTIVE      (edits allowed in both)
 * </pre>
 */
@Schema(name = "ConsumerOrganisationState", description = "ACTIVE (may order) or INACTIVE")
public enum OrganisationState {
    ACTIVE(DEACTIVATE, UPDATE),
    INACTIVE(ACTIVATE, UPDATE);

    private final Set<OrganisationCommand> allowed;

    OrganisationState(OrganisationCommand first, OrganisationCommand... rest) {
        this.allowed = EnumSet.of(first, rest);
    }

    public boolean allows(OrganisationCommand command) {
        return allowed.contains(command);
    }

    /** The POST commands accepted in this state, as their URL names. */
    public List<String> allowedCommands() {
        return allowed.stream().filter(c -> c != UPDATE).map(OrganisationCommand::wireName).toList();
    }
}
