package dev.itsm.platform.docs;

import java.io.InputStream;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.itsm.platform.problem.NotFoundException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/**
 * Serves the service's event contract ({@code src/main/resources/asyncapi.yaml}) at
 * {@code /asyncapi.yaml}, open like the OpenAPI document; the gateway republishes it as
 * {@code /asyncapi/<service>.yaml}.
 */
@Path("/asyncapi.yaml")
public class AsyncApiResource {

    @GET
    @Produces("application/yaml")
    // a document about the API, not part of it (like /q/openapi): kept out of the OpenAPI document
    @Operation(hidden = true)
    public Response document() {
        InputStream yaml = Thread.currentThread().getContextClassLoader().getResourceAsStream("asyncapi.yaml");
        if (yaml == null) {
            throw new NotFoundException("AsyncAPI document", "of this service");
        }
        return Response.ok(yaml, "application/yaml").build();
    }
}
