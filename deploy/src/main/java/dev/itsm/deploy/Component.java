package dev.itsm.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One application of the suite as the local stack runs it. */
record Component(String name, int port, String database) {

    /** Start order: the catalog first (others replicate it), the gateway last. */
    static final List<Component> ALL = List.of(
            new Component("catalog-service", 8083, "itsm_catalog"),
            new Component("incident-service", 8081, "itsm_incident"),
            new Component("sla-service", 8084, "itsm_sla"),
            new Component("change-service", 8082, "itsm_change"),
            new Component("gateway", 8080, null));

    Path runner(Path root) {
        return root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    boolean isBuilt(Path root) {
        return Files.isRegularFile(runner(root));
    }

    String baseUrl() {
        return "http://" + Stack.LOOPBACK + ":" + port;
    }
}
