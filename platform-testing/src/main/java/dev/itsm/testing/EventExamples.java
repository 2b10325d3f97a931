package dev.itsm.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.testing.TopicReader.Received;

/**
 * One real record per event type, pretty-printed, in the module's {@code target/event-examples/<EventName>.json}: what
 * an integrator reading the topic gets. A service's AsyncAPI contract test writes them from the records it validated;
 * the issue notes quote them.
 */
public final class EventExamples {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventExamples() {
    }

    /** Writes each record's payload under its event name ({@code ce_type}'s last segment); a later one of a type wins. */
    public static void write(List<Received> records) {
        try {
            Path dir = Path.of("target", "event-examples");
            Files.createDirectories(dir);
            for (Received r : records) {
                String type = r.ceType();
                Path file = dir.resolve(type.substring(type.lastIndexOf('.') + 1) + ".json");
                Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(r.value())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
