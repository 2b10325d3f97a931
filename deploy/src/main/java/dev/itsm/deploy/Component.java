package dev.itsm.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One application of the suite as the local stack runs it.
 *
 * @param maxHeapMb the heap ceiling ({@code -Xmx}): the services hold Hibernate, Kafka clients and a
 *                  connection pool and grew to about 350 MB RSS under the benchmark's write load; the
 *                  gateway only streams requests through and never needed more than about 150 MB
 */
record Component(String name, int port, String database, int maxHeapMb) {

    /**
     * Start order: the catalog first (others replicate it), request-service next (it replicates the
     * catalogue's offerings, organisations and relationships; sla-service reads its topic); problem-service after the catalog,
     * incident and change services whose topics it reads; monitoring-service after the catalog, incident and
     * change services whose topics it reads (the CI graph, change windows, incident links) — incident-service
     * reads monitoring's topic in turn, which is fine before it exists: the consumers start from the earliest
     * offset, as they do for problem-service's topic; webhook-service after every service whose topic it reads
     * (it re-delivers them all over HTTP); the gateway last.
     */
    static final List<Component> ALL = List.of(
            new Component("catalog-service", 8083, "itsm_catalog", 384),
            new Component("request-service", 8085, "itsm_request", 384),
            new Component("incident-service", 8081, "itsm_incident", 384),
            new Component("sla-service", 8084, "itsm_sla", 384),
            new Component("change-service", 8082, "itsm_change", 384),
            new Component("problem-service", 8086, "itsm_problem", 384),
            new Component("monitoring-service", 8087, "itsm_monitoring", 384),
            new Component("webhook-service", 8088, "itsm_webhook", 384),
            new Component("gateway", 8080, null, 192));

    Path runner(Path root) {
        return root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /**
     * The class-data-sharing archive Quarkus writes next to the runner when the module is packaged
     * with {@code -Dquarkus.package.jar.appcds.enabled=true} (what {@code ./itsm} builds).
     */
    Path appCdsArchive(Path root) {
        return runner(root).resolveSibling("app-cds.jsa");
    }

    boolean isBuilt(Path root) {
        return Files.isRegularFile(runner(root));
    }

    String baseUrl() {
        return "http://" + Stack.LOOPBACK + ":" + port;
    }
}
