package dev.itsm.catalog.ci;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores {@link RelationType} by its lower-case wire name. */
@Converter(autoApply = true)
public class RelationTypeConverter implements AttributeConverter<RelationType, String> {

    @Override
    public String convertToDatabaseColumn(RelationType attribute) {
        return attribute == null ? null : attribute.wire();
    }

    @Override
    public RelationType convertToEntityAttribute(String dbData) {
        return dbData == null ? null : RelationType.fromWire(dbData);
    }
}
