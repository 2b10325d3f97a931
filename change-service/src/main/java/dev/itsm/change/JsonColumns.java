package dev.itsm.change;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.itsm.change.approval.ApprovalDecision;
import dev.itsm.change.approval.ApprovalLevel;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** JPA converters storing small value lists and documents as JSON text columns. */
public final class JsonColumns {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonColumns() {
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static <T> T read(String text, TypeReference<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt JSON column: " + e.getOriginalMessage(), e);
        }
    }

    abstract static class Base<T> implements AttributeConverter<T, String> {
        private final TypeReference<T> type;
        private final T empty;

        Base(TypeReference<T> type, T empty) {
            this.type = type;
            this.empty = empty;
        }

        @Override
        public String convertToDatabaseColumn(T attribute) {
            return write(attribute == null ? empty : attribute);
        }

        @Override
        public T convertToEntityAttribute(String dbData) {
            return dbData == null || dbData.isBlank() ? empty : read(dbData, type);
        }
    }

    @Converter
    public static class UuidList extends Base<List<UUID>> {
        public UuidList() {
            super(new TypeReference<>() {
            }, List.of());
        }
    }

    @Converter
    public static class Answers extends Base<Map<String, Boolean>> {
        public Answers() {
            super(new TypeReference<>() {
            }, Map.of());
        }
    }

    @Converter
    public static class Levels extends Base<List<ApprovalLevel>> {
        public Levels() {
            super(new TypeReference<>() {
            }, List.of());
        }
    }

    @Converter
    public static class Decisions extends Base<List<ApprovalDecision>> {
        public Decisions() {
            super(new TypeReference<>() {
            }, List.of());
        }
    }

    /** Nullable document: the conflict override record. */
    @Converter
    public static class OverrideDoc implements AttributeConverter<OverrideRecord, String> {
        @Override
        public String convertToDatabaseColumn(OverrideRecord attribute) {
            return attribute == null ? null : write(attribute);
        }

        @Override
        public OverrideRecord convertToEntityAttribute(String dbData) {
            return dbData == null ? null : read(dbData, new TypeReference<OverrideRecord>() {
            });
        }
    }
}
