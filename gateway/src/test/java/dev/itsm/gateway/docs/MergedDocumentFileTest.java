package dev.itsm.gateway.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;

class MergedDocumentFileTest {

    @TempDir
    Path dir;

    @Test
    void writesTheMergedDocumentOfTheNamedServicesPointedAtTheLocalGateway() throws Exception {
        Path catalog = dir.resolve("catalog/openapi.json");
        Path incident = dir.resolve("incident/openapi.json");
        Files.createDirectories(catalog.getParent());
        Files.createDirectories(incident.getParent());
        Files.writeString(catalog, OpenApiMergerTest.doc("/api/v1/catalog/services", "a service").encode());
        Files.writeString(incident, OpenApiMergerTest.doc("/api/v1/incidents", "an incident").encode());
        Path out = dir.resolve("out/itsm-openapi.json");

        MergedDocumentFile.main(new String[] {out.toString(), "catalog=" + catalog, "incident=" + incident});

        JsonObject written = new JsonObject(Files.readString(out));
        assertTrue(written.getJsonObject("paths").containsKey("/api/v1/catalog/services"));
        assertTrue(written.getJsonObject("paths").containsKey("/api/v1/incidents"));
        assertTrue(written.getJsonObject("components").getJsonObject("schemas").containsKey("IncidentItem"),
                "the same merge as the gateway's /openapi, renames included");
        assertEquals("http://localhost:8080", written.getJsonArray("servers").getJsonObject(0).getString("url"));
        assertTrue(written.getJsonObject("info").getString("description").contains("(catalog, incident)"),
                written.getJsonObject("info").getString("description"));
    }

    @Test
    void aMissingServiceDocumentFailsNamingTheServiceInsteadOfWritingAPartialDocument() {
        Path out = dir.resolve("itsm-openapi.json");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MergedDocumentFile.main(new String[] {out.toString(), "sla=" + dir.resolve("nope.json")}));
        assertTrue(e.getMessage().contains("sla"), e.getMessage());
        assertTrue(Files.notExists(out));
    }

    @Test
    void argumentsThatAreNotServiceEqualsPathAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> MergedDocumentFile.main(new String[] {"out.json"}));
        assertThrows(IllegalArgumentException.class,
                () -> MergedDocumentFile.main(new String[] {"out.json", "incident"}));
        assertThrows(IllegalArgumentException.class,
                () -> MergedDocumentFile.main(new String[] {"out.json", "=x.json"}));
    }
}
