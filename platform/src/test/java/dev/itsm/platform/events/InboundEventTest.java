package dev.itsm.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class InboundEventTest {

    static InboundEvent event(String json) throws Exception {
        return new InboundEvent("e-1", "dev.itsm.incident.IncidentOpened", "/itsm/incident-service", "k",
                Instant.parse("2026-11-27T09:30:00Z"), "itsm.incident.events", "k", new ObjectMapper().readTree(json));
    }

    @Test
    void readsPresentFieldsAndAbsentOnesAsNull() throws Exception {
        UUID id = UUID.randomUUID();
        InboundEvent e = event("{\"incidentId\":\"" + id + "\",\"title\":\"down\",\"ciIds\":[\"" + id + "\"],\"major\":true}");
        assertEquals(id, e.requiredUuid("incidentId"));
        assertEquals("down", e.text("title"));
        assertNull(e.uuid("ciId"));
        assertEquals(List.of(id), e.uuids("ciIds"));
        assertEquals(true, e.bool("major", false));
        assertEquals(Instant.parse("2026-11-27T09:30:00Z"), e.occurredAt(Instant.EPOCH));
        assertEquals("IncidentOpened", e.name());
    }

    @Test
    void unreadableOrMissingRequiredFieldsArePoisonNamingFieldAndEvent() throws Exception {
        PoisonEventException missing = assertThrows(PoisonEventException.class, () -> event("{}").requiredUuid("incidentId"));
        assertEquals("IncidentOpened e-1: incidentId is missing", missing.getMessage());
        assertThrows(PoisonEventException.class, () -> event("{\"incidentId\":\"nope\"}").uuid("incidentId"));
        assertThrows(PoisonEventException.class, () -> event("{\"occurredAt\":\"yesterday\"}").occurredAt(Instant.EPOCH));
        assertThrows(PoisonEventException.class, () -> event("[1]").text("title"));
    }

    static InboundEvent receivedAt(Instant notAfter, String json) throws Exception {
        return new InboundEvent("e-2", "dev.itsm.catalog.ServiceStatusChanged", "/itsm/catalog-service", "k",
                Instant.parse("9999-01-01T00:00:00Z"), "itsm.catalog.events", "k", new ObjectMapper().readTree(json), notAfter);
    }

    @Test
    void anOccurredAtInTheFutureIsClampedToTheLatestCredibleInstant() throws Exception {
        Instant latest = Instant.parse("2026-12-01T12:05:00Z"); // received at 12:00 with 5 min of allowed skew
        assertEquals(latest, receivedAt(latest, "{\"occurredAt\":\"9999-12-31T00:00:00Z\"}").occurredAt(Instant.EPOCH));
        assertEquals(latest, receivedAt(latest, "{}").occurredAt(Instant.EPOCH), "ce_time 9999 is clamped too");
        Instant past = Instant.parse("2026-12-01T11:00:00Z");
        assertEquals(past, receivedAt(latest, "{\"occurredAt\":\"" + past + "\"}").occurredAt(Instant.EPOCH));
        assertEquals(Instant.parse("2026-12-01T12:04:59Z"),
                receivedAt(latest, "{\"occurredAt\":\"2026-12-01T12:04:59Z\"}").occurredAt(Instant.EPOCH), "within the skew: kept");
    }

    @Test
    void longValueReadsWholeNumbersAndCallsAnythingElsePoison() throws Exception {
        InboundEvent e = event("{\"targetSeconds\":14400,\"big\":9007199254740993,\"text\":\"14400\",\"half\":1.5,\"none\":null}");
        assertEquals(14400L, e.longValue("targetSeconds"));
        assertEquals(9007199254740993L, e.longValue("big"));
        assertNull(e.longValue("missing"));
        assertNull(e.longValue("none"));
        PoisonEventException text = assertThrows(PoisonEventException.class, () -> e.longValue("text"));
        assertEquals("IncidentOpened e-1: text '14400' is not a whole number", text.getMessage());
        assertThrows(PoisonEventException.class, () -> e.longValue("half"));
    }
}
