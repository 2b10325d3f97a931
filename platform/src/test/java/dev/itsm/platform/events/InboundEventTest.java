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
}
