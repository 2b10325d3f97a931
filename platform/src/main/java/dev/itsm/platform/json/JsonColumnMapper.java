package dev.itsm.platform.json;

import java.io.IOException;

import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.orm.JsonFormat;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How Hibernate writes and reads {@code jsonb} columns ({@code @JdbcTypeCode(SqlTypes.JSON)}): with
 * the application's own Jackson {@link ObjectMapper}, so a column holds what the API and the events
 * hold (ISO-8601 instants, the suite's Jackson settings) rather than what Hibernate's private mapper
 * would write (instants as numbers). Reading stays tolerant: rows written as numbers before still
 * read, Jackson takes a numeric instant as epoch seconds.
 */
@JsonFormat
@PersistenceUnitExtension
@ApplicationScoped
public class JsonColumnMapper implements FormatMapper {

    private final FormatMapper jackson;

    JsonColumnMapper(ObjectMapper json) {
        this.jackson = new JacksonJsonFormatMapper(json);
    }

    @Override
    public <T> T fromString(CharSequence text, JavaType<T> type, WrapperOptions options) {
        return jackson.fromString(text, type, options);
    }

    @Override
    public <T> String toString(T value, JavaType<T> type, WrapperOptions options) {
        return jackson.toString(value, type, options);
    }

    @Override
    public boolean supportsSourceType(Class<?> sourceType) {
        return jackson.supportsSourceType(sourceType);
    }

    @Override
    public boolean supportsTargetType(Class<?> targetType) {
        return jackson.supportsTargetType(targetType);
    }

    @Override
    public <T> void writeToTarget(T value, JavaType<T> type, Object target, WrapperOptions options) throws IOException {
        jackson.writeToTarget(value, type, target, options);
    }

    @Override
    public <T> T readFromSource(JavaType<T> type, Object source, WrapperOptions options) throws IOException {
        return jackson.readFromSource(type, source, options);
    }
}
