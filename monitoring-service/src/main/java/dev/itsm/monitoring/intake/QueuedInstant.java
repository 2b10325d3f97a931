package dev.itsm.monitoring.intake;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

/**
 * Reads the instants of a {@link NormalizedAlert} back from the intake queue with {@link Rfc3339} (they were written
 * as ISO instants, {@code 2026-12-02T11:14:30.898332Z}); any other form is left to Jackson's own reader.
 */
final class QueuedInstant extends StdDeserializer<Instant> {

    QueuedInstant() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            Instant common = Rfc3339.commonShape(p.getText());
            if (common != null) {
                return common;
            }
        }
        return InstantDeserializer.INSTANT.deserialize(p, ctxt);
    }
}
