package dev.itsm.monitoring.intake;

/** RFC 6901 JSON pointers into the request body, for the {@code field} of a rejection. */
final class JsonPointer {

    private JsonPointer() {
    }

    static String child(String parent, String name) {
        return parent + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    static String index(String parent, int i) {
        return parent + "/" + i;
    }
}
