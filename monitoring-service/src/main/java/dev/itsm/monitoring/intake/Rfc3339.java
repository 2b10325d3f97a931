package dev.itsm.monitoring.intake;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * RFC 3339 date-times to instants, exactly as {@link OffsetDateTime#parse} reads them, without java.time's
 * general-purpose formatter for the shape every monitoring tool sends: {@code yyyy-MM-ddTHH:mm:ss[.fraction]} then
 * {@code Z} or {@code ±HH:MM}. Under an alert storm that formatter was 15 % of monitoring-service's CPU (every alert
 * has two timestamps, read at the intake and again from the queue). Anything not of that shape — another offset
 * form, a lower-case letter, a 5-digit year, an invalid field — goes to {@code OffsetDateTime.parse}, so what is
 * accepted, what is rejected and the error stay the same (Rfc3339Test compares both on generated input).
 */
public final class Rfc3339 {

    /** ±18:00, the widest offset java.time accepts. */
    private static final int MAX_OFFSET_SECONDS = 18 * 3600;

    private Rfc3339() {
    }

    /** The instant of {@code text}; {@link DateTimeParseException} when it is not an RFC 3339 date-time. */
    public static Instant parse(String text) {
        Instant common = commonShape(text);
        return common != null ? common : OffsetDateTime.parse(text).toInstant();
    }

    /** The instant when {@code s} has the common shape and valid fields, else null (the general parser decides). */
    static Instant commonShape(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            int count = i - start;
            if (count < 1 || count > 9) {
                return null;
            }
            for (int k = start; k < start + 9; k++) {
                nanos = nanos * 10 + (k < i ? s.charAt(k) - '0' : 0);
            }
        }
        int offset;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offset = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int hours = digits(s, i + 1, 2);
            int minutes = digits(s, i + 4, 2);
            if (hours < 0 || minutes < 0 || minutes > 59 || hours * 3600 + minutes * 60 > MAX_OFFSET_SECONDS) {
                return null;
            }
            offset = (s.charAt(i) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else {
            return null;
        }
        if (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600 + minute * 60 + second - offset, nanos);
    }

    /** The number written by {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
