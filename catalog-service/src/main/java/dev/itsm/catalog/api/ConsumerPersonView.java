package dev.itsm.catalog.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.catalog.consumer.Membership;
import dev.itsm.catalog.consumer.PersonRole;

@Schema(name = "ConsumerPersonView", description = "A person of a consumer organisation")
public record ConsumerPersonView(
        @Schema(example = "fiona", description = "The person's token subject") String subject,
        @Schema(example = "Fiona Fischer") String displayName,
        List<PersonRole> roles) {

    public static ConsumerPersonView of(Map.Entry<String, Membership> person) {
        return new ConsumerPersonView(person.getKey(), person.getValue().displayName(), List.copyOf(person.getValue().roles()));
    }
}
