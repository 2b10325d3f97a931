package dev.itsm.catalog.support;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.itsm.platform.problem.ValidationException;

/** Enum filters from query parameters: an unknown value is a 400 naming the allowed ones (JAX-RS would answer 404). */
public final class QueryEnums {

    private QueryEnums() {
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value.trim())) {
                return e;
            }
        }
        throw new ValidationException(parameter, "must be one of "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
