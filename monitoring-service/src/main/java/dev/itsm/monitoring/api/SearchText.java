package dev.itsm.monitoring.api;

/** {@code q} made safe for an ILIKE: control characters (NUL cannot even be sent to PostgreSQL) and wildcards defused. */
final class SearchText {

    private SearchText() {
    }

    /** The text without control characters, stripped; null when blank. */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        String cleaned = text.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    /** {@code %text%} with {@code \ % _} escaped (PostgreSQL's default LIKE escape is the backslash). */
    static String contains(String words) {
        return "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
