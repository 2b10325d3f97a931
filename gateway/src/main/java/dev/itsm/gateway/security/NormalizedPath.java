package dev.itsm.gateway.security;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The one spelling of a request path that the gateway judges and forwards. A service's router reads
 * {@code appro%76e}, {@code approve;x=1}, {@code ./approve} and {@code x/../approve} all as
 * {@code approve}; if the gateway matched the raw text instead, every such spelling would be a way
 * around its role check. So the raw path is normalised (RFC 3986 §6.2.2) before any decision and
 * the upstream is sent exactly the normalised form:
 * <ul>
 * <li>percent-encoded unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) are decoded, other
 * escapes get upper-case hex digits;</li>
 * <li>path parameters ({@code ;…} up to the end of the segment) are dropped;</li>
 * <li>empty segments ({@code //}, a trailing {@code /}) and dot segments are removed.</li>
 * </ul>
 * A path whose meaning depends on who decodes it is refused instead ({@link RefusedPathException},
 * answered {@code 400}): broken escapes, escaped {@code / \ ; %}, escaped control characters, a
 * raw back-slash, and {@code ..} climbing above the root.
 */
public final class NormalizedPath {

    private static final String HEX = "0123456789ABCDEF";

    private NormalizedPath() {
    }

    /** The normalised form of {@code rawPath} (the request target's path, still percent-encoded). */
    public static String of(String rawPath) throws RefusedPathException {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw new RefusedPathException("The request path must start with '/'");
        }
        if (alreadyNormal(rawPath)) {
            // the common case, judged twice per request: no copy, no split
            return rawPath;
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String raw : rawPath.substring(1).split("/", -1)) {
            int parameters = raw.indexOf(';');
            String segment = decodeUnreserved(parameters < 0 ? raw : raw.substring(0, parameters));
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new RefusedPathException("The request path climbs above the root with '..'");
                }
                segments.removeLast();
                continue;
            }
            segments.addLast(segment);
        }
        return "/" + String.join("/", segments);
    }

    /**
     * True when normalising could not change {@code rawPath}: no escape, parameter or back-slash, no
     * empty segment, no segment starting with a dot (which might be a dot segment), no trailing slash.
     */
    private static boolean alreadyNormal(String rawPath) {
        int length = rawPath.length();
        for (int i = 0; i < length; i++) {
            char c = rawPath.charAt(i);
            if (c == '%' || c == ';' || c == '\\') {
                return false;
            }
            if (c == '/' && length > 1 && (i + 1 == length || rawPath.charAt(i + 1) == '/' || rawPath.charAt(i + 1) == '.')) {
                return false;
            }
        }
        return true;
    }

    private static String decodeUnreserved(String segment) throws RefusedPathException {
        if (segment.indexOf('%') < 0 && segment.indexOf('\\') < 0) {
            return segment;
        }
        StringBuilder out = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '\\') {
                throw new RefusedPathException("A back-slash is not allowed in the request path");
            }
            if (c != '%') {
                out.append(c);
                continue;
            }
            int hi = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(segment.charAt(i + 2), 16);
            if (lo < 0) {
                throw new RefusedPathException("The request path has a broken percent-escape");
            }
            char decoded = (char) (hi * 16 + lo);
            if (unreserved(decoded)) {
                out.append(decoded);
            } else if (decoded == '/' || decoded == '\\' || decoded == ';' || decoded == '%' || decoded < 0x20
                    || decoded == 0x7F) {
                // each of these would be read as a separator, a parameter or a second escape by some decoder
                throw new RefusedPathException("The request path has an escaped '/', '\\', ';', '%' or control character");
            } else {
                out.append('%').append(HEX.charAt(hi)).append(HEX.charAt(lo));
            }
            i += 2;
        }
        return out.toString();
    }

    private static boolean unreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** A path the gateway will not guess the meaning of: answered with {@code 400}. */
    public static final class RefusedPathException extends Exception {
        private static final long serialVersionUID = 1L;

        public RefusedPathException(String message) {
            super(message, null, false, false);
        }
    }
}
