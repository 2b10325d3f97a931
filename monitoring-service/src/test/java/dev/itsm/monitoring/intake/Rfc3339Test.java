package dev.itsm.monitoring.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link Rfc3339} accepts, rejects and reads exactly what {@code OffsetDateTime.parse} does. */
class Rfc3339Test {

    private static final String NOISE = "0123456789-:.+TZtz x9";

    @Test
    void theCommonShapesAreReadByHandAndAgreeWithJavaTime() {
        for (String s : List.of("0001-01-01T00:00:00Z", "2026-12-02T11:14:30.898332Z", "2026-12-02T11:14:30Z",
                "2024-02-29T23:59:59.999999999+18:00", "1970-01-01T00:00:00.1-18:00", "2026-03-01T10:15:30+05:30",
                "9999-12-31T23:59:59Z")) {
            assertNotNull(Rfc3339.commonShape(s), s);
            assertEquals(OffsetDateTime.parse(s).toInstant(), Rfc3339.parse(s), s);
        }
    }

    @Test
    void edgeCasesGoToJavaTimeAndEndTheSameWay() {
        for (String s : List.of("2023-02-29T10:00:00Z", "2026-04-31T10:00:00Z", "2026-12-02T23:59:60Z",
                "2026-12-02T24:00:00Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-12-00T00:00:00Z",
                "2026-12-02T10:00:00+18:01", "2026-12-02T10:00:00.Z", "2026-12-02T10:00:00.1234567890Z",
                "2026-12-02t10:00:00z", "2026-12-02T10:00:00+0100", "2026-12-02T10:00:00+01:00:30",
                "+12026-12-02T10:00:00Z", "2026-12-02T10:00Z", "2026-12-02 10:00:00Z", "2026-12-02T10:00:00",
                "2026-12-02T10:00:00Z ", "", "yesterday")) {
            assertSame(s);
        }
    }

    @Test
    void generatedAndMutatedInputAgreesWithJavaTime() {
        Random random = new Random(20261202);
        List<DateTimeFormatter> formats = List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME, DateTimeFormatter.ISO_INSTANT);
        int common = 0;
        for (int k = 0; k < 50_000; k++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 60, 18 * 60 + 1) * 60);
            String s = formats.get(random.nextInt(2)).format(instant.atOffset(offset));
            if (random.nextBoolean()) {
                StringBuilder b = new StringBuilder(s);
                int at = random.nextInt(b.length());
                switch (random.nextInt(3)) {
                    case 0 -> b.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
                    case 1 -> b.deleteCharAt(at);
                    default -> b.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                }
                s = b.toString();
            }
            if (Rfc3339.commonShape(s) != null) {
                common++;
            }
            assertSame(s);
        }
        assertTrue(common > 25_000, "most generated input takes the hand-written path: " + common);
    }

    private static void assertSame(String s) {
        Instant expected;
        try {
            expected = OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                Instant got = Rfc3339.parse(s);
                throw new AssertionError("'" + s + "' is no RFC 3339 date-time for java.time, but read as " + got);
            } catch (DateTimeParseException expectedToo) {
                assertEquals(e.getMessage(), expectedToo.getMessage(), s);
                return;
            }
        }
        assertEquals(expected, Rfc3339.parse(s), s);
    }
}
