package dev.itsm.platform.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.itsm.platform.problem.ValidationException;

/**
 * A position in a keyset-paged list: the sort key of the last row a page served (its id last), and
 * the order it was taken in. Clients see it as an opaque base64url token ({@code ?cursor=}); it is
 * encoded, not signed — a forged token only moves the position, and every value is parsed back to
 * its column's type before it reaches a query.
 */
public record Cursor(String order, List<String> values) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tokens longer than this are not ours (ours hold a few values). */
    private static final int MAX_TOKEN_LENGTH = 2048;

    public Cursor {
        values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** The token a client sends back as {@code ?cursor=}. */
    public String encode() {
        ObjectNode node = JSON.createObjectNode();
        node.put("o", order);
        ArrayNode keys = node.putArray("k");
        values.forEach(keys::add);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a token; 400 naming {@code cursor} when it is not one this API gave out, or was given out
     * for another order than {@code expectedOrder} (a cursor continues the list that returned it).
     */
    public static Cursor decode(String token, String expectedOrder, int expectedValues) {
        Cursor cursor = parse(token);
        if (!cursor.order().equals(expectedOrder)) {
            throw new ValidationException("cursor", "was given out for the order '" + cursor.order()
                    + "', not '" + expectedOrder + "': keep the sort of the request that returned it");
        }
        if (cursor.values().size() != expectedValues) {
            throw invalid();
        }
        return cursor;
    }

    /** Reads a token whatever its order; 400 naming {@code cursor} when it is not one this API gave out. */
    static Cursor parse(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw invalid();
        }
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(token));
            if (node == null || !node.path("o").isTextual() || !node.path("k").isArray()) {
                throw invalid();
            }
            List<String> values = new ArrayList<>();
            for (JsonNode v : node.get("k")) {
                if (!v.isNull() && !v.isTextual()) {
                    throw invalid();
                }
                values.add(v.isNull() ? null : v.asText());
            }
            return new Cursor(node.get("o").asText(), values);
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw invalid();
        }
    }

    static ValidationException invalid() {
        return new ValidationException("cursor", "is not a cursor this list gave out; use the 'next' value of a page");
    }
}
