package dev.itsm.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.hibernate.type.descriptor.java.spi.UnknownBasicJavaType;
import org.hibernate.type.format.FormatMapper;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.orm.JsonFormat;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import dev.itsm.testing.ItsmTestResources;
import jakarta.inject.Inject;

/** jsonb columns are written by the application's ObjectMapper: ISO-8601 instants; instants written as numbers before still read. */
@QuarkusTest
@QuarkusTestResource(ItsmTestResources.class)
class JsonColumnMapperTest {

    public record Window(String name, Instant start, List<Instant> reminders) {
    }

    static final UnknownBasicJavaType<Window> WINDOW = new UnknownBasicJavaType<>(Window.class);

    @Inject
    @JsonFormat
    @PersistenceUnitExtension
    FormatMapper columns;

    @Test
    void instantsAreWrittenAsIso8601() {
        Window w = new Window("maintenance", Instant.parse("2026-12-01T22:00:00Z"), List.of(Instant.parse("2026-12-01T21:00:00.123456Z")));
        assertEquals("{\"name\":\"maintenance\",\"start\":\"2026-12-01T22:00:00Z\",\"reminders\":[\"2026-12-01T21:00:00.123456Z\"]}",
                columns.toString(w, WINDOW, null));
        assertEquals(w, columns.fromString(columns.toString(w, WINDOW, null), WINDOW, null));
    }

    @Test
    void rowsWrittenWithNumericInstantsStillRead() {
        Window w = columns.fromString("{\"name\":\"old\",\"start\":1796162400.000000000,\"reminders\":[1796158800.123456000],\"gone\":1}",
                WINDOW, null);
        assertEquals(new Window("old", Instant.parse("2026-12-01T22:00:00Z"), List.of(Instant.parse("2026-12-01T21:00:00.123456Z"))), w);
    }
}
