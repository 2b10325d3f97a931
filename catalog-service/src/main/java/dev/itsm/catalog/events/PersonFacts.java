package dev.itsm.catalog.events;

import java.util.List;

import dev.itsm.catalog.consumer.PersonRole;

/** One person of a consumer organisation inside {@link ConsumerOrganisationChanged}: the token subject, a name, the roles. */
public record PersonFacts(String subject, String displayName, List<PersonRole> roles) {
}
