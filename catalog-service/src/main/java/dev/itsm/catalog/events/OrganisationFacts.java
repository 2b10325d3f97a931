package dev.itsm.catalog.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.catalog.consumer.OrganisationState;

/** The full current facts of a consumer organisation (people included, by subject), flattened into its events. */
public record OrganisationFacts(
        UUID organisationId,
        String name,
        String description,
        /** The parent organisation, null for a top-level one. */
        UUID parentId,
        OrganisationState state,
        List<PersonFacts> people,
        /** The organisation's version after the change (its ETag): a replica ignores an older one. */
        long version,
        Instant occurredAt) {
}
