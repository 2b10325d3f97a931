package dev.itsm.change;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.itsm.platform.problem.ValidationException;

/** Query parameter parsing that answers 400 naming the parameter (JAX-RS would answer 404 for a bad enum). */
public final class Params {

    private Params() {
    }

    public static <E extends Enum<E>> E enumOf(Class<E> type, String value, String param) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(param, "must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                    .collect(Collectors.joining(", ")));
        }
    }

    public static java.util.UUID uuid(String value, String param) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.util.UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ValidationException(param, "must be a UUID");
        }
    }

    public static java.time.Instant instant(String value, String param) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.Instant.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new ValidationException(param, "must be an ISO-8601 instant, e.g. 2026-12-05T22:00:00Z");
        }
    }
}
