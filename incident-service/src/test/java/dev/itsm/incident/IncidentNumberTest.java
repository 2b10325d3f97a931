package dev.itsm.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Incident numbers: INC and the sequence value, zero-padded to seven digits, never cut. */
class IncidentNumberTest {

    @Test
    void padsToSevenDigitsAndGrowsBeyond() {
        assertEquals("INC0000001", IncidentService.number(1));
        assertEquals("INC0001234", IncidentService.number(1234));
        assertEquals("INC9999999", IncidentService.number(9_999_999));
        assertEquals("INC10000000", IncidentService.number(10_000_000));
        assertEquals(String.format("INC%07d", 4_321_987_654L), IncidentService.number(4_321_987_654L));
    }
}
