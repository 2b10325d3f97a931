package dev.itsm.gateway.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonObject;

/**
 * Writes the merged OpenAPI document to a file at build time, from the services' documents as
 * built ({@code <service>/target/openapi/openapi.json}), with the same {@link OpenApiMerger} the
 * gateway serves {@code /openapi} with — so the client generated from the file (module
 * {@code api-client}) is generated from exactly what integrators download.
 *
 * <p>Usage: {@code MergedDocumentFile <output.json> <service>=<openapi.json> ...}
 */
public final class MergedDocumentFile {

    /** The gateway's address in the local stack; integrators point the client elsewhere at run time. */
    static final String GATEWAY_ORIGIN = "http://localhost:8080";
    static final String TITLE = "ITSM API";

    private MergedDocumentFile() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException(
                    "usage: MergedDocumentFile <output.json> <service>=<openapi.json> [<service>=<openapi.json> ...]");
        }
        Map<String, Path> sources = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0 || eq == args[i].length() - 1) {
                throw new IllegalArgumentException("expected <service>=<openapi.json>, got: " + args[i]);
            }
            sources.put(args[i].substring(0, eq), Path.of(args[i].substring(eq + 1)));
        }
        write(Path.of(args[0]), sources);
    }

    /** Merges the documents (every one must exist: a build must not generate a client with a service missing). */
    static JsonObject write(Path output, Map<String, Path> sources) {
        Map<String, JsonObject> documents = new LinkedHashMap<>();
        sources.forEach((service, file) -> documents.put(service, read(service, file)));
        JsonObject merged = OpenApiMerger.merge(documents, List.of(), TITLE, GATEWAY_ORIGIN);
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(output, merged.encodePrettily());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output, e);
        }
        return merged;
    }

    private static JsonObject read(String service, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No OpenAPI document for " + service + " at " + file.toAbsolutePath()
                    + " (it is written when the service is packaged: ./mvnw package -pl <service>)");
        }
        try {
            return new JsonObject(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
