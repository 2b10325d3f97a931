package dev.itsm.incident.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.itsm.platform.problem.ValidationException;

/** Parses query parameters leniently typed as text, so a bad value is a 400 naming the parameter. */
public final class QueryParams {

    private QueryParams() {
    }

    /** Repeated or comma-separated enum values ({@code state=NEW,IN_PROGRESS} or {@code state=NEW&state=ON_HOLD}). */
    public static <E extends Enum<E>> List<E> enums(String name, List<String> raw, Class<E> type) {
        List<E> values = new ArrayList<>();
        if (raw == null) {
            return values;
        }
        for (String entry : raw) {
            for (String part : entry.split(",")) {
                String v = part.trim();
                if (v.isEmpty()) {
                    continue;
                }
                try {
                    values.add(Enum.valueOf(type, v.toUpperCase()));
                } catch (IllegalArgumentException e) {
                    throw new ValidationException(name, "must be one of " + Arrays.stream(type.getEnumConstants())
                            .map(Enum::name).collect(Collectors.joining(", ")));
                }
            }
        }
        return values;
    }

    public static UUID uuid(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(raw.trim());
        } catch (IllegalArgumentException e) {
            throw new ValidationException(name, "must be a UUID");
        }
    }

    public static Boolean bool(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return switch (raw.trim().toLowerCase()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new ValidationException(name, "must be true or false");
        };
    }

    public static Instant instant(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(raw.trim());
        } catch (RuntimeException e) {
            throw new ValidationException(name, "must be an ISO-8601 instant such as 2026-11-27T09:30:00Z");
        }
    }

    public static Integer integer(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(raw.trim());
        } catch (NumberFormatException e) {
            throw new ValidationException(name, "must be a whole number");
        }
    }

    /** {@code ?page=&size=} read as text, so "abc" is a 400 naming the parameter. */
    public static dev.itsm.platform.http.PageRequest page(String page, String size) {
        return dev.itsm.platform.http.PageRequest.of(integer("page", page), integer("size", size));
    }

    public static String text(String raw) {
        return raw == null || raw.isBlank() ? null : raw.trim();
    }
}
