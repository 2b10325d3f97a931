package dev.itsm.monitoring.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A dedup key template such as {@code {{alertname}}/{{instance}}}, parsed once; unknown labels render empty. */
final class DedupTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}");
    private static final Pattern ANY_BRACES = Pattern.compile("\\{\\{[^}]*}}");

    /** Literal text and label names alternately: even indexes literal, odd indexes labels. */
    private final List<String> parts;

    private DedupTemplate(List<String> parts) {
        this.parts = parts;
    }

    static boolean isWellFormed(String template) {
        Matcher any = ANY_BRACES.matcher(template);
        while (any.find()) {
            if (!PLACEHOLDER.matcher(any.group()).matches()) {
                return false;
            }
        }
        return true;
    }

    static DedupTemplate parse(String template) {
        List<String> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        int last = 0;
        while (m.find()) {
            parts.add(template.substring(last, m.start()));
            parts.add(m.group(1));
            last = m.end();
        }
        parts.add(template.substring(last));
        return new DedupTemplate(List.copyOf(parts));
    }

    String render(Map<String, String> labels) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i % 2 == 0) {
                key.append(parts.get(i));
            } else {
                String v = labels.get(parts.get(i));
                key.append(v == null ? "" : v);
            }
        }
        return key.toString();
    }
}
