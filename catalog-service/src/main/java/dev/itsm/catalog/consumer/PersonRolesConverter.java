package dev.itsm.catalog.consumer;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** A person's roles as one column, {@code USER,SPONSOR} (in {@link PersonRole} order): a handful of values, never queried alone. */
@Converter
public class PersonRolesConverter implements AttributeConverter<Set<PersonRole>, String> {

    @Override
    public String convertToDatabaseColumn(Set<PersonRole> roles) {
        return roles == null ? null : EnumSet.copyOf(roles).stream().map(Enum::name).collect(Collectors.joining(","));
    }

    @Override
    public Set<PersonRole> convertToEntityAttribute(String column) {
        if (column == null || column.isBlank()) {
            return EnumSet.noneOf(PersonRole.class);
        }
        return Arrays.stream(column.split(",")).map(PersonRole::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(PersonRole.class)));
    }
}
