package dev.itsm.monitoring.rule;

import dev.itsm.monitoring.intake.NormalizedAlert;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Dedup keys when a rule has no template: the alert's fingerprint, else a stable hash of what identifies it. */
final class DedupKeys {

    private DedupKeys() {
    }

    /** The fingerprint; for an event without one, a hash of its source and sorted labels (order-independent). */
    static String of(NormalizedAlert alert) {
        if (alert.fingerprint() != null && !alert.fingerprint().isBlank()) {
            return alert.fingerprint();
        }
        StringBuilder identity = new StringBuilder(alert.sourceName() == null ? "" : alert.sourceName());
        for (Map.Entry<String, String> label : new TreeMap<>(alert.labels()).entrySet()) {
            // NUL separators: no label name or value contains one, so two different label sets never concatenate alike
            identity.append('\0').append(label.getKey()).append('\0').append(label.getValue());
        }
        return hash(identity.toString());
    }

    private static String hash(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }
}
