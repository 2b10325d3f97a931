package dev.itsm.platform.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.problem.PreconditionFailedException;

class ETagsTest {

    @Test
    void theCurrentStrongTagOrAStarMatches() {
        assertDoesNotThrow(() -> ETags.requireMatch("\"7\"", 7));
        assertDoesNotThrow(() -> ETags.requireMatch("\"6\", \"7\"", 7));
        assertDoesNotThrow(() -> ETags.requireMatch("*", 7));
        assertDoesNotThrow(() -> ETags.requireMatch(null, 7));
    }

    @Test
    void aWeakTagNeverMatchesBecauseIfMatchComparesStrongly() {
        assertThrows(PreconditionFailedException.class, () -> ETags.requireMatch("W/\"7\"", 7));
        assertThrows(PreconditionFailedException.class, () -> ETags.requireMatch("W/\"6\", W/\"7\"", 7));
    }

    @Test
    void anOlderOrUnquotedTagIsStale() {
        assertThrows(PreconditionFailedException.class, () -> ETags.requireMatch("\"6\"", 7));
        assertThrows(PreconditionFailedException.class, () -> ETags.requireMatch("7", 7));
    }
}
