package dev.itsm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks the deployment assets without a cluster or a Docker engine: the kustomization renders,
 * every Deployment has probes and limits, every topic exists as a KafkaTopic, images are named
 * itsm/<module>, each service has its CloudNativePG cluster, the committed copies of the generated
 * service manifests match the build, and the compose file names every component.
 */
class ManifestsTest {

    static final List<String> SERVICES = List.of("catalog-service", "incident-service", "sla-service", "change-service",
            "problem-service", "request-service", "monitoring-service", "webhook-service");
    static final List<String> COMPONENTS = List.of("catalog-service", "incident-service", "sla-service", "change-service",
            "problem-service", "request-service", "monitoring-service", "webhook-service", "gateway");
    static final Path DEPLOY = Path.of("").toAbsolutePath();
    static final Path ROOT = DEPLOY.getParent();

    static List<Map<String, Object>> rendered;

    @BeforeAll
    static void render() throws Exception {
        rendered = documents(kustomize());
        assertFalse(rendered.isEmpty(), "the kustomization renders resources");
    }

    /**
     * {@code kubectl kustomize} when kubectl is installed; otherwise the listed resources with the
     * listed strategic-merge patches applied by {@link #applyPatches} (enough for the patches used here).
     */
    @SuppressWarnings("unchecked")
    static String kustomize() throws Exception {
        Path dir = DEPLOY.resolve("kubernetes");
        // -Ditsm.kustomize.offline=true checks the fallback on a machine that has kubectl
        if (onPath("kubectl") && !Boolean.getBoolean("itsm.kustomize.offline")) {
            Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize finished");
            assertEquals(0, p.exitValue(), "kubectl kustomize failed:\n" + out);
            return out;
        }
        Map<String, Object> kustomization = new Yaml().load(Files.readString(dir.resolve("kustomization.yaml")));
        StringBuilder all = new StringBuilder();
        for (Object resource : (List<?>) kustomization.get("resources")) {
            all.append(Files.readString(dir.resolve(resource.toString()))).append("\n---\n");
        }
        List<Map<String, Object>> docs = documents(all.toString());
        Object namespace = kustomization.get("namespace");
        for (Map<String, Object> doc : docs) {
            if (namespace != null && !"Namespace".equals(doc.get("kind")) && doc.get("metadata") instanceof Map<?, ?> metadata) {
                ((Map<String, Object>) metadata).put("namespace", namespace);
            }
        }
        List<?> patches = (List<?>) kustomization.getOrDefault("patches", List.of());
        for (Object patch : patches) {
            String path = at(patch, "path");
            assertNotNull(path, "only file patches are used: " + patch);
            applyPatches(docs, documents(Files.readString(dir.resolve(path))));
        }
        return new Yaml().dumpAll(docs.iterator());
    }

    /** Strategic merge as kustomize does it for these patches: maps merge, lists of named items merge by name. */
    static void applyPatches(List<Map<String, Object>> docs, List<Map<String, Object>> patches) {
        for (Map<String, Object> patch : patches) {
            Map<String, Object> target = docs.stream()
                    .filter(d -> Objects.equals(d.get("kind"), patch.get("kind")) && Objects.equals(name(d), name(patch)))
                    .findFirst().orElseThrow(() -> new AssertionError("patch for a missing " + patch.get("kind") + " " + name(patch)));
            merge(target, patch);
        }
    }

    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> target, Map<String, Object> patch) {
        patch.forEach((key, value) -> {
            Object existing = target.get(key);
            if (existing instanceof Map<?, ?> em && value instanceof Map<?, ?> pm) {
                merge((Map<String, Object>) em, (Map<String, Object>) pm);
            } else if (existing instanceof List<?> el && value instanceof List<?> pl && pl.stream().allMatch(
                    i -> i instanceof Map<?, ?> m && m.containsKey("name"))) {
                List<Object> merged = new ArrayList<>(el);
                for (Object item : pl) {
                    Object itemName = ((Map<?, ?>) item).get("name");
                    Optional<Object> same = merged.stream().filter(i -> i instanceof Map<?, ?> m && itemName.equals(m.get("name"))).findFirst();
                    if (same.isPresent()) {
                        merge((Map<String, Object>) same.get(), (Map<String, Object>) item);
                    } else {
                        merged.add(item);
                    }
                }
                target.put(key, merged);
            } else {
                target.put(key, value);
            }
        });
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String yaml) {
        LoaderOptions options = new LoaderOptions();
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(options).loadAll(yaml)) {
            if (doc instanceof Map<?, ?> m) {
                docs.add((Map<String, Object>) m);
            }
        }
        return docs;
    }

    static List<Map<String, Object>> ofKind(String kind) {
        return rendered.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return (T) current;
    }

    static String name(Map<String, Object> doc) {
        return at(doc, "metadata", "name");
    }

    @Test
    void everyComponentHasADeploymentWithProbesAndResourceLimits() {
        Set<String> deployments = ofKind("Deployment").stream().map(ManifestsTest::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(COMPONENTS), deployments);
        for (Map<String, Object> d : ofKind("Deployment")) {
            List<Map<String, Object>> containers = at(d, "spec", "template", "spec", "containers");
            assertNotNull(containers, name(d) + " has containers");
            for (Map<String, Object> c : containers) {
                String where = name(d) + "/" + c.get("name");
                assertEquals("/q/health/live", at(c, "livenessProbe", "httpGet", "path"), where + " liveness probe");
                assertEquals("/q/health/ready", at(c, "readinessProbe", "httpGet", "path"), where + " readiness probe");
                assertNotNull(at(c, "resources", "limits", "cpu"), where + " cpu limit");
                assertNotNull(at(c, "resources", "limits", "memory"), where + " memory limit");
                assertNotNull(at(c, "resources", "requests", "memory"), where + " memory request");
            }
        }
    }

    @Test
    void imagesAreNamedAfterTheirModule() {
        for (Map<String, Object> d : ofKind("Deployment")) {
            List<Map<String, Object>> containers = at(d, "spec", "template", "spec", "containers");
            String image = (String) containers.get(0).get("image");
            assertTrue(image.matches("(docker\\.io/)?itsm/" + name(d) + ":[\\w.-]+"), name(d) + " runs " + image);
        }
    }

    @Test
    void everyTopicTheServicesUseExistsWithReplicationThreeAndMinIsrTwo() {
        Map<String, Map<String, Object>> topics = ofKind("KafkaTopic").stream()
                .collect(Collectors.toMap(ManifestsTest::name, t -> t));
        for (String service : List.of("incident", "change", "catalog", "sla", "problem", "request", "monitoring",
                "webhook")) {
            for (String topic : List.of("itsm." + service + ".events", "itsm." + service + ".events.dlq")) {
                Map<String, Object> t = topics.get(topic);
                assertNotNull(t, "KafkaTopic " + topic);
                Object replicas = at(t, "spec", "replicas");
                Object minIsr = at(t, "spec", "config", "min.insync.replicas");
                Object cluster = at(t, "metadata", "labels", "strimzi.io/cluster");
                assertEquals("3", String.valueOf(replicas), topic + " replicas");
                assertEquals("2", String.valueOf(minIsr), topic + " min.insync.replicas");
                assertEquals("itsm-kafka", String.valueOf(cluster));
            }
        }
        Map<String, Object> kafka = ofKind("Kafka").get(0);
        Object kraft = at(kafka, "metadata", "annotations", "strimzi.io/kraft");
        assertEquals("enabled", String.valueOf(kraft));
        assertEquals(1, ofKind("KafkaNodePool").size());
    }

    @Test
    void eachServiceReadsTheCredentialsOfItsOwnPostgresCluster() {
        Set<String> clusters = ofKind("Cluster").stream().map(ManifestsTest::name).collect(Collectors.toSet());
        for (String service : SERVICES) {
            assertTrue(clusters.contains(service + "-db"), "CloudNativePG cluster " + service + "-db");
            Map<String, Object> d = ofKind("Deployment").stream().filter(x -> service.equals(name(x))).findFirst().orElseThrow();
            List<Map<String, Object>> env = at(((List<Map<String, Object>>) at(d, "spec", "template", "spec", "containers")).get(0), "env");
            Map<String, Object> url = env.stream().filter(e -> "QUARKUS_DATASOURCE_JDBC_URL".equals(e.get("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError(service + " has no QUARKUS_DATASOURCE_JDBC_URL"));
            assertEquals(service + "-db-app", at(url, "valueFrom", "secretKeyRef", "name"));
            assertEquals("jdbc-uri", at(url, "valueFrom", "secretKeyRef", "key"));
        }
    }

    @Test
    void everyDeploymentIsAutoscaledFromTwoReplicasAndTheGatewayIsExposed() {
        Set<String> scaled = ofKind("HorizontalPodAutoscaler").stream()
                .filter(h -> ((Integer) at(h, "spec", "minReplicas")) >= 2)
                .map(h -> (String) at(h, "spec", "scaleTargetRef", "name")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(COMPONENTS), scaled);
        Map<String, Object> ingress = ofKind("Ingress").get(0);
        assertTrue(ingress.toString().contains("name=gateway"), "the Ingress routes to the gateway");
    }

    @Test
    void theCommittedServiceManifestsMatchWhatTheBuildGenerates() throws IOException {
        int compared = 0;
        for (String service : SERVICES) {
            Path generated = ROOT.resolve(service).resolve("target/kubernetes/kubernetes.yml");
            if (!Files.exists(generated)) {
                continue; // module not packaged in this build (e.g. ./mvnw -pl deploy)
            }
            Path committed = DEPLOY.resolve("kubernetes/services/" + service + ".yaml");
            assertEquals(normalised(Files.readString(generated)), normalised(Files.readString(committed)),
                    committed + " is stale: run deploy/kubernetes/refresh-services.sh and commit");
            compared++;
        }
        System.out.println("compared " + compared + " generated service manifests with their committed copies");
    }

    /** The documents without per-build annotations, as parsed structures. */
    static List<Map<String, Object>> normalised(String yaml) {
        List<Map<String, Object>> docs = documents(yaml);
        for (Map<String, Object> doc : docs) {
            strip(doc);
        }
        return docs;
    }

    /** Drops per-build annotations; orders env lists by name (the generator's order varies between builds). */
    @SuppressWarnings("unchecked")
    static void strip(Object node) {
        if (node instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).keySet().removeIf(k -> k.startsWith("app.quarkus.io/"));
            Object env = m.get("env");
            if (env instanceof List<?> list) {
                ((List<Map<String, Object>>) list).sort((a, b) -> String.valueOf(a.get("name")).compareTo(String.valueOf(b.get("name"))));
            }
            m.values().forEach(ManifestsTest::strip);
        } else if (node instanceof List<?> l) {
            l.forEach(ManifestsTest::strip);
        }
    }

    @Test
    void theComposeFileNamesEveryComponentWithHealthChecksAndOrderedStart() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DEPLOY.resolve("compose/compose.yaml")));
        Map<String, Map<String, Object>> services = at(compose, "services");
        assertNotNull(services, "compose has services");
        for (String required : List.of("postgres", "kafka", "catalog-service", "incident-service", "sla-service",
                "change-service", "problem-service", "request-service", "monitoring-service", "webhook-service", "gateway")) {
            Map<String, Object> s = services.get(required);
            assertNotNull(s, "compose service " + required);
            assertNotNull(s.get("healthcheck"), required + " has a health check");
            assertNotNull(s.get("image"), required + " has an image");
        }
        assertEquals("apache/kafka", ((String) services.get("kafka").get("image")).split(":")[0]);
        for (String app : COMPONENTS) {
            Map<String, Object> s = services.get(app);
            assertEquals("itsm/" + app, ((String) s.get("image")).split(":")[0]);
            Map<String, Map<String, String>> dependsOn = at(s, "depends_on");
            assertNotNull(dependsOn, app + " depends_on");
            dependsOn.forEach((dep, cond) -> assertEquals("service_healthy", cond.get("condition"), app + " -> " + dep));
        }
        for (String service : SERVICES) {
            Map<String, String> env = at(services.get(service), "environment");
            assertTrue(env.get("QUARKUS_DATASOURCE_JDBC_URL").endsWith("/itsm_" + service.replace("-service", "")),
                    service + " uses its own database");
        }
    }

    /**
     * A service added to the suite needs its database on the compose server, and the gateway must
     * route to it in compose and in the cluster ({@code ITSM_UPSTREAM_<NAME>_URL}).
     */
    @Test
    void everyServiceHasItsComposeDatabaseAndAGatewayUpstreamInComposeAndTheCluster() throws IOException {
        String initdb = Files.readString(DEPLOY.resolve("compose/initdb/01-databases.sql"));
        Map<String, Object> compose = new Yaml().load(Files.readString(DEPLOY.resolve("compose/compose.yaml")));
        Map<String, String> gatewayEnv = at(compose, "services", "gateway", "environment");
        Map<String, Object> config = ofKind("ConfigMap").stream().filter(c -> "itsm-config".equals(name(c))).findFirst().orElseThrow();
        for (String service : SERVICES) {
            String shortName = service.replace("-service", "");
            String variable = "ITSM_UPSTREAM_" + shortName.toUpperCase() + "_URL";
            assertTrue(initdb.contains("create database itsm_" + shortName + ";"), "initdb creates itsm_" + shortName);
            assertEquals("http://" + service + ":8080", gatewayEnv.get(variable), "compose gateway " + variable);
            assertEquals("http://" + service, at(config, "data", variable), "itsm-config " + variable);
        }
    }

    /** webhook-service re-delivers the other services' topics: it starts after them, the gateway after it. */
    @Test
    void composeStartsWebhookServiceAfterTheServicesWhoseTopicsItReads() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DEPLOY.resolve("compose/compose.yaml")));
        Map<String, Object> webhookDeps = at(compose, "services", "webhook-service", "depends_on");
        for (String service : SERVICES) {
            if (!service.equals("webhook-service")) {
                assertTrue(webhookDeps.containsKey(service), "webhook-service waits for " + service);
            }
        }
        Map<String, Object> gatewayDeps = at(compose, "services", "gateway", "depends_on");
        assertEquals(new TreeSet<>(SERVICES), new TreeSet<>(gatewayDeps.keySet()), "the gateway waits for every service");
        Map<String, String> env = at(compose, "services", "webhook-service", "environment");
        assertFalse(env.containsKey("WEBHOOK_TARGET_ALLOW_LOOPBACK"), "loopback targets are for the local stack only");
    }

    /**
     * problem-service links problems to incidents and changes and finds recurring incidents over the
     * catalogue's graph, all from their topics: compose starts it after those three services, as
     * {@code ./itsm up} does.
     */
    @Test
    void composeStartsProblemServiceAfterTheServicesWhoseTopicsItReads() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DEPLOY.resolve("compose/compose.yaml")));
        Map<String, Object> problemDeps = at(compose, "services", "problem-service", "depends_on");
        assertEquals(new TreeSet<>(List.of("postgres", "kafka", "catalog-service", "incident-service", "change-service")),
                new TreeSet<>(problemDeps.keySet()));
        assertEquals(List.of("127.0.0.1:8086:8080"), at(compose, "services", "problem-service", "ports"));
    }

    /**
     * request-service replicates the catalogue's terms from its topic: compose starts it after
     * catalog-service, as {@code ./itsm up} does; webhook-service and the gateway wait for it.
     */
    @Test
    void composeStartsRequestServiceAfterTheCatalogAndBeforeWebhookServiceAndTheGateway() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DEPLOY.resolve("compose/compose.yaml")));
        Map<String, Object> requestDeps = at(compose, "services", "request-service", "depends_on");
        assertEquals(new TreeSet<>(List.of("postgres", "kafka", "catalog-service")), new TreeSet<>(requestDeps.keySet()));
        assertEquals(List.of("127.0.0.1:8085:8080"), at(compose, "services", "request-service", "ports"));
        assertTrue(((Map<?, ?>) at(compose, "services", "webhook-service", "depends_on")).containsKey("request-service"));
        assertTrue(((Map<?, ?>) at(compose, "services", "gateway", "depends_on")).containsKey("request-service"));
        assertEquals("http://request-service:8080", at(compose, "services", "gateway", "environment", "ITSM_UPSTREAM_REQUEST_URL"));
        assertTrue(Files.readString(DEPLOY.resolve("compose/initdb/01-databases.sql")).contains("create database itsm_request;"));
    }

    /**
     * monitoring-service replicates the CI graph, change windows and incident links from the
     * catalog, change and incident topics: compose starts it after those three, as {@code ./itsm up}
     * does; webhook-service and the gateway wait for it.
     */
    @Test
    void composeStartsMonitoringServiceAfterTheServicesWhoseTopicsItReads() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DEPLOY.resolve("compose/compose.yaml")));
        Map<String, Object> deps = at(compose, "services", "monitoring-service", "depends_on");
        assertEquals(new TreeSet<>(List.of("postgres", "kafka", "catalog-service", "incident-service", "change-service")),
                new TreeSet<>(deps.keySet()));
        assertEquals(List.of("127.0.0.1:8087:8080"), at(compose, "services", "monitoring-service", "ports"));
        assertTrue(((Map<?, ?>) at(compose, "services", "webhook-service", "depends_on")).containsKey("monitoring-service"));
        assertTrue(((Map<?, ?>) at(compose, "services", "gateway", "depends_on")).containsKey("monitoring-service"));
        assertEquals("http://monitoring-service:8080",
                at(compose, "services", "gateway", "environment", "ITSM_UPSTREAM_MONITORING_URL"));
        assertTrue(Files.readString(DEPLOY.resolve("compose/initdb/01-databases.sql")).contains("create database itsm_monitoring;"));
    }

    /**
     * The Ingress lets a body up to the gateway's own limit through (ingress-nginx's default, 1m,
     * would refuse a full 1 MiB Alertmanager webhook with an HTML 413).
     */
    @Test
    void theIngressLetsAOneMebibyteWebhookThroughToTheGateway() {
        Map<String, Object> ingress = ofKind("Ingress").get(0);
        String size = at(ingress, "metadata", "annotations", "nginx.ingress.kubernetes.io/proxy-body-size");
        assertNotNull(size, "the Ingress sets proxy-body-size");
        assertTrue(size.matches("\\d+m") && Integer.parseInt(size.replace("m", "")) >= 2, "proxy-body-size " + size);
    }

    /**
     * Containers only verify tokens: they get the public key file, never the key directory (which
     * holds the private key), and only the gateway is published beyond loopback.
     */
    @Test
    void composeMountsOnlyThePublicKeyAndPublishesOnlyTheGatewayBeyondLoopback() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DEPLOY.resolve("compose/compose.yaml")));
        Map<String, Map<String, Object>> services = at(compose, "services");
        for (Map.Entry<String, Map<String, Object>> s : services.entrySet()) {
            List<Object> volumes = at(s.getValue(), "volumes");
            for (Object volume : volumes == null ? List.of() : volumes) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.contains("keys")) {
                    assertTrue(source.endsWith("/public.pem"), s.getKey() + " mounts " + volume + ": only the public key may be mounted");
                }
                assertFalse(source.contains("private"), s.getKey() + " mounts " + volume);
            }
            List<Object> ports = at(s.getValue(), "ports");
            for (Object port : ports == null ? List.of() : ports) {
                String published = String.valueOf(port);
                if (s.getKey().equals("gateway")) {
                    assertTrue(published.startsWith("${ITSM_BIND:-127.0.0.1}:"), "gateway published as " + published);
                } else {
                    assertTrue(published.startsWith("127.0.0.1:"), s.getKey() + " published beyond loopback: " + published);
                }
            }
        }
    }

    @Test
    void everyServiceHasAJvmDockerfile() {
        for (String component : COMPONENTS) {
            Path dockerfile = ROOT.resolve(component).resolve("src/main/docker/Dockerfile.jvm");
            if (!Files.exists(dockerfile)) {
                fail("missing " + dockerfile);
            }
        }
    }
}
