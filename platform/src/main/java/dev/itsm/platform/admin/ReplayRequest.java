package dev.itsm.platform.admin;

import java.util.List;

/**
 * Which dead letters to replay: those of {@code topic} (a consumed topic, required), optionally only
 * the given {@code ceIds}, and/or only offsets {@code fromOffset..toOffset} (inclusive) of the
 * dead-letter topic, optionally of one {@code partition}.
 */
public record ReplayRequest(
        String topic,
        List<String> ceIds,
        Integer partition,
        Long fromOffset,
        Long toOffset) {
}
