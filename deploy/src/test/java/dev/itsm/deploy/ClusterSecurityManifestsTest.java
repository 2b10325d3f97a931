package dev.itsm.deploy;

import static dev.itsm.deploy.ManifestsTest.at;
import static dev.itsm.deploy.ManifestsTest.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production manifests do not trust the network (issue #14, point 12), checked on the rendered
 * kustomization: default-deny NetworkPolicies with only the needed paths open, a Kafka listener
 * with TLS and SCRAM, one least-privilege {@code KafkaUser} per service whose credentials that
 * service (and only it) uses, and TLS on the Ingress.
 */
class ClusterSecurityManifestsTest {

    /** Short service name → the short names of the services whose topics it consumes. */
    static final Map<String, List<String>> CONSUMES = Map.of(
            // problem: known errors (work notes on linked incidents, the workaround at intake)
            // monitoring: opens, declares major and resolves incidents from alert groups
            "incident", List.of("catalog", "sla", "change", "problem", "monitoring"),
            // monitoring: alerts suppressed inside a change's window become its suspects
            "change", List.of("catalog", "incident", "monitoring"),
            // request: time to approve and time to fulfil service requests
            "sla", List.of("incident", "catalog", "request"),
            "catalog", List.of(),
            // links and recurrence over events only: incidents, fix changes, the CI dependency graph
            "problem", List.of("incident", "change", "catalog"),
            // the catalogue's offerings, consumer organisations and service relationships, replicated
            "request", List.of("catalog"),
            // correlation over the CI graph, change and maintenance windows, alert groups' incidents — replicated
            "monitoring", List.of("catalog", "change", "incident"),
            // every other service's topic, never its own (a failing subscriber would feed it its own failures)
            "webhook", List.of("incident", "change", "catalog", "sla", "problem", "request", "monitoring"));
    static final String KAFKA = "itsm-kafka";
    static final String CLUSTER_CA_SECRET = KAFKA + "-cluster-ca-cert";
    /** The services' pods, as the gateway's egress and Kafka's client ingress name them. */
    static final String SERVICE_PODS =
            "pods{app.kubernetes.io/name in [catalog-service, change-service, incident-service, monitoring-service, problem-service,"
                    + " request-service, sla-service, webhook-service]}";
    /**
     * webhook-service's one way out beyond the cluster: subscribers on the public internet, HTTPS and
     * HTTP, with every private, loopback, link-local (cloud metadata), CGNAT, multicast and reserved
     * range cut out — IPv4 and IPv6.
     */
    static final Set<String> PUBLIC_INTERNET = Set.of(
            "ip{0.0.0.0/0 except [0.0.0.0/8, 10.0.0.0/8, 100.64.0.0/10, 127.0.0.0/8, 169.254.0.0/16, 172.16.0.0/12,"
                    + " 192.168.0.0/16, 224.0.0.0/4, 240.0.0.0/4]} :443,80",
            "ip{::/0 except [::1/128, ::ffff:0:0/96, fc00::/7, fe80::/10, ff00::/8]} :443,80");

    static List<Map<String, Object>> rendered;

    @BeforeAll
    static void render() throws Exception {
        rendered = ManifestsTest.documents(ManifestsTest.kustomize());
    }

    static List<Map<String, Object>> ofKind(String kind) {
        return rendered.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    static Map<String, Object> one(String kind, String name) {
        return ofKind(kind).stream().filter(d -> name.equals(name(d))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    // ------------------------------------------------------------------ NetworkPolicies

    @Test
    void everyPodInTheNamespaceIsDeniedByDefaultBothWays() {
        List<Map<String, Object>> denyAll = ofKind("NetworkPolicy").stream()
                .filter(p -> selectsEveryPod(p) && at(p, "spec", "ingress") == null && at(p, "spec", "egress") == null)
                .toList();
        assertEquals(1, denyAll.size(), "one default-deny policy selecting every pod");
        List<String> types = at(denyAll.get(0), "spec", "policyTypes");
        assertEquals(Set.of("Ingress", "Egress"), Set.copyOf(types));
        // every Deployment lives in the namespace the default-deny applies to (kustomization namespace)
        String namespace = at(denyAll.get(0), "metadata", "namespace");
        for (Map<String, Object> d : ofKind("Deployment")) {
            assertEquals(namespace, at(d, "metadata", "namespace"), name(d) + " is in the default-deny namespace");
        }
    }

    @Test
    void onlyTheGatewayReachesAServiceAndAServiceReachesOnlyItsDatabaseKafkaAndDns() {
        for (String service : ManifestsTest.SERVICES) {
            Map<String, String> pod = Map.of("app.kubernetes.io/name", service, "app.kubernetes.io/part-of", "itsm");
            assertEquals(Set.of("pods{app.kubernetes.io/name=gateway} :8080"), peers(pod, "ingress", "from"), service + " ingress");
            Set<String> expected = new TreeSet<>(Set.of("pods{cnpg.io/cluster=" + service + "-db} :5432",
                    "pods{strimzi.io/broker-role=true,strimzi.io/cluster=" + KAFKA + "} :9093",
                    "ns{kubernetes.io/metadata.name=kube-system} pods{k8s-app=kube-dns} :53,53/UDP"));
            if (service.equals("webhook-service")) {
                expected.addAll(PUBLIC_INTERNET); // its job: calling subscribers' URLs
            }
            assertEquals(expected, peers(pod, "egress", "to"), service + " egress");
        }
    }

    /**
     * The one service that calls out of the cluster reaches the internet on 443/80 only, never an
     * address inside the ranges the application refuses too (SSRF: cloud metadata, the cluster's
     * own private pod/service networks, loopback); no other pod reaches anything beyond the cluster
     * except the operators' Kubernetes API rules.
     */
    @Test
    void onlyWebhookServiceReachesThePublicInternetAndNeverAPrivateOrLinkLocalRange() {
        Map<String, String> webhook = Map.of("app.kubernetes.io/name", "webhook-service", "app.kubernetes.io/part-of", "itsm");
        Set<String> ipPeers = peers(webhook, "egress", "to").stream().filter(p -> p.startsWith("ip{"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(PUBLIC_INTERNET), ipPeers);
        for (String range : List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "127.0.0.0/8",
                "100.64.0.0/10", "fc00::/7", "fe80::/10", "::1/128")) {
            assertTrue(ipPeers.stream().anyMatch(p -> p.contains(range)), range + " is cut out of the internet rule");
        }
        for (String component : ManifestsTest.COMPONENTS) {
            if (!component.equals("webhook-service")) {
                Map<String, String> pod = Map.of("app.kubernetes.io/name", component, "app.kubernetes.io/part-of", "itsm");
                assertFalse(peers(pod, "egress", "to").stream().anyMatch(p -> p.startsWith("ip{") || p.startsWith("any")),
                        component + " reaches beyond the cluster: " + peers(pod, "egress", "to"));
            }
        }
    }

    /**
     * webhook-service subscribes to exactly the topics its KafkaUser may read: one topic without a
     * Read ACL would fail its whole consumer (TopicAuthorizationException), one more ACL than topics
     * would be privilege it does not use.
     */
    @Test
    void webhookServiceConsumesExactlyTheTopicsItsKafkaUserMayRead() {
        Map<String, Object> d = one("Deployment", "webhook-service");
        List<Map<String, Object>> containers = at(d, "spec", "template", "spec", "containers");
        List<Map<String, Object>> env = at(containers.get(0), "env");
        String topics = env.stream().filter(e -> "WEBHOOK_TOPICS".equals(e.get("name"))).map(e -> String.valueOf(e.get("value")))
                .findFirst().orElseThrow(() -> new AssertionError("webhook-service has no WEBHOOK_TOPICS"));
        Set<String> subscribed = new TreeSet<>(List.of(topics.split(",")));
        Set<String> readable = acls(one("KafkaUser", "webhook-service")).stream()
                .filter(a -> a.startsWith("topic:") && a.endsWith(":Read") && !a.contains(".dlq:"))
                .map(a -> a.split(":")[1]).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(readable, subscribed);
        assertFalse(subscribed.contains("itsm.webhook.events"), "webhook-service never consumes its own topic");
    }

    @Test
    void theGatewayIsReachedOnlyFromTheIngressControllerAndReachesOnlyTheServicesAndDns() {
        Map<String, String> pod = Map.of("app.kubernetes.io/name", "gateway", "app.kubernetes.io/part-of", "itsm");
        assertEquals(Set.of("ns{kubernetes.io/metadata.name=ingress-nginx} pods{app.kubernetes.io/name=ingress-nginx} :8080"),
                peers(pod, "ingress", "from"));
        Set<String> egress = peers(pod, "egress", "to");
        assertEquals(Set.of(SERVICE_PODS + " :8080",
                "ns{kubernetes.io/metadata.name=kube-system} pods{k8s-app=kube-dns} :53,53/UDP"), egress);
    }

    @Test
    void aDatabaseIsReachedOnlyByItsServiceItsOwnInstancesAndTheOperator() {
        for (String service : ManifestsTest.SERVICES) {
            Map<String, String> pod = Map.of("cnpg.io/cluster", service + "-db", "cnpg.io/instanceRole", "primary");
            Set<String> from = peers(pod, "ingress", "from");
            assertTrue(from.contains("pods{app.kubernetes.io/name=" + service + "} :5432"), service + "-db from its service: " + from);
            for (String other : ManifestsTest.COMPONENTS) {
                if (!other.equals(service)) {
                    assertFalse(from.stream().anyMatch(p -> p.contains("=" + other + "}")), other + " reaches " + service + "-db: " + from);
                }
            }
            assertFalse(from.stream().anyMatch(p -> p.startsWith("any")), service + "-db open to anyone: " + from);
        }
    }

    @Test
    void kafkaIsReachedOnItsClientListenerOnlyByTheServices() {
        Map<String, String> broker = Map.of("strimzi.io/cluster", KAFKA, "strimzi.io/kind", "Kafka", "strimzi.io/broker-role", "true");
        Set<String> clients = peers(broker, "ingress", "from").stream().filter(p -> p.endsWith(":9093")).collect(Collectors.toSet());
        assertEquals(Set.of(SERVICE_PODS + " :9093"), clients);
        assertFalse(peers(broker, "ingress", "from").stream().anyMatch(p -> p.startsWith("any")), "Kafka open to anyone");
    }

    /**
     * Every peer the policies selecting {@code pod} open in {@code direction}, as text
     * ({@code ns{…} pods{…} :ports}); a rule without peers is {@code any}.
     */
    static Set<String> peers(Map<String, String> pod, String direction, String peerKey) {
        Set<String> peers = new TreeSet<>();
        for (Map<String, Object> policy : ofKind("NetworkPolicy")) {
            if (!selects(at(policy, "spec", "podSelector"), pod)) {
                continue;
            }
            List<Map<String, Object>> rules = at(policy, "spec", direction);
            for (Map<String, Object> rule : rules == null ? List.<Map<String, Object>>of() : rules) {
                String ports = ports(rule.get("ports"));
                List<Map<String, Object>> to = at(rule, peerKey);
                if (to == null || to.isEmpty()) {
                    peers.add("any " + ports);
                    continue;
                }
                for (Map<String, Object> peer : to) {
                    List<String> parts = new ArrayList<>();
                    if (peer.containsKey("ipBlock")) {
                        Object cidr = at(peer, "ipBlock", "cidr");
                        List<?> except = at(peer, "ipBlock", "except");
                        parts.add("ip{" + cidr + (except == null ? "" : " except " + except) + "}");
                    }
                    if (peer.containsKey("namespaceSelector")) {
                        parts.add("ns" + selector(at(peer, "namespaceSelector")));
                    }
                    if (peer.containsKey("podSelector")) {
                        parts.add("pods" + selector(at(peer, "podSelector")));
                    }
                    peers.add(String.join(" ", parts) + " " + ports);
                }
            }
        }
        return peers;
    }

    static String ports(Object ports) {
        if (!(ports instanceof List<?> list) || list.isEmpty()) {
            return ":*";
        }
        Set<String> all = new TreeSet<>();
        for (Object port : list) {
            Object protocol = at(port, "protocol");
            Object number = at(port, "port");
            all.add(protocol == null || protocol.equals("TCP") ? String.valueOf(number) : number + "/" + protocol);
        }
        return ":" + String.join(",", all);
    }

    static String selector(Map<String, Object> selector) {
        Set<String> terms = new TreeSet<>();
        Map<String, Object> labels = at(selector, "matchLabels");
        if (labels != null) {
            labels.forEach((k, v) -> terms.add(k + "=" + v));
        }
        List<Map<String, Object>> expressions = at(selector, "matchExpressions");
        if (expressions != null) {
            for (Map<String, Object> e : expressions) {
                assertEquals("In", e.get("operator"), "only In expressions are used");
                terms.add(e.get("key") + " in " + new TreeSet<>((List<?>) e.get("values")));
            }
        }
        return "{" + String.join(",", terms) + "}";
    }

    static boolean selectsEveryPod(Map<String, Object> policy) {
        Map<String, Object> selector = at(policy, "spec", "podSelector");
        return selector != null && at(selector, "matchLabels") == null && at(selector, "matchExpressions") == null;
    }

    static boolean selects(Map<String, Object> selector, Map<String, String> pod) {
        if (selector == null) {
            return false;
        }
        Map<String, Object> labels = at(selector, "matchLabels");
        if (labels != null && !labels.entrySet().stream().allMatch(e -> String.valueOf(e.getValue()).equals(pod.get(e.getKey())))) {
            return false;
        }
        List<Map<String, Object>> expressions = at(selector, "matchExpressions");
        return expressions == null || expressions.stream()
                .allMatch(e -> ((List<?>) e.get("values")).contains(pod.get(String.valueOf(e.get("key")))));
    }

    // ------------------------------------------------------------------ Kafka

    @Test
    void everyKafkaListenerIsTlsWithScramAndAclsAreEnforced() {
        Map<String, Object> kafka = one("Kafka", KAFKA);
        List<Map<String, Object>> listeners = at(kafka, "spec", "kafka", "listeners");
        assertFalse(listeners.isEmpty());
        for (Map<String, Object> listener : listeners) {
            assertEquals(Boolean.TRUE, listener.get("tls"), listener.get("name") + " has tls: true");
            assertEquals("scram-sha-512", at(listener, "authentication", "type"), listener.get("name") + " authenticates");
        }
        assertEquals("simple", at(kafka, "spec", "kafka", "authorization", "type"), "ACLs are enforced");
        assertNotNull(at(kafka, "spec", "entityOperator", "userOperator"), "the User Operator manages the KafkaUsers");
    }

    @Test
    void eachServiceHasAKafkaUserWithExactlyTheAclsItNeeds() {
        Set<String> users = ofKind("KafkaUser").stream().map(ManifestsTest::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(ManifestsTest.SERVICES), users);
        for (String service : CONSUMES.keySet()) {
            Map<String, Object> user = one("KafkaUser", service + "-service");
            assertEquals(KAFKA, at(user, "metadata", "labels", "strimzi.io/cluster"));
            assertEquals("scram-sha-512", at(user, "spec", "authentication", "type"));
            assertEquals("simple", at(user, "spec", "authorization", "type"));
            assertEquals(expectedAcls(service), acls(user), service + "-service ACLs");
        }
    }

    /**
     * Write (+Describe) on its own topic; Read on each topic it consumes and on its consumer group;
     * Write on the dead-letter topic of each consumed topic, and Read on it: the DLQ admin endpoint
     * lists and replays those letters (its reads assign partitions, no group).
     */
    static Set<String> expectedAcls(String service) {
        Set<String> acls = new TreeSet<>();
        acls.add("topic:itsm." + service + ".events:literal:Describe");
        acls.add("topic:itsm." + service + ".events:literal:Write");
        for (String consumed : CONSUMES.get(service)) {
            acls.add("topic:itsm." + consumed + ".events:literal:Read");
            acls.add("topic:itsm." + consumed + ".events.dlq:literal:Write");
            acls.add("topic:itsm." + consumed + ".events.dlq:literal:Read");
        }
        if (!CONSUMES.get(service).isEmpty()) {
            acls.add("group:itsm-" + service + "-service:literal:Read");
        }
        return acls;
    }

    static Set<String> acls(Map<String, Object> user) {
        Set<String> acls = new TreeSet<>();
        List<Map<String, Object>> entries = at(user, "spec", "authorization", "acls");
        for (Map<String, Object> acl : entries) {
            assertEquals("*", String.valueOf(acl.getOrDefault("host", "*")));
            String resource = at(acl, "resource", "type") + ":" + at(acl, "resource", "name") + ":"
                    + at(acl, "resource", "patternType");
            List<String> operations = at(acl, "operations");
            assertNotNull(operations, "operations of " + resource);
            operations.forEach(op -> acls.add(resource + ":" + op));
        }
        return acls;
    }

    @Test
    void servicesConnectOverSaslSslWithTheirOwnCredentialsAndTheClusterCa() {
        Map<String, Object> config = one("ConfigMap", "itsm-config");
        Map<String, Object> data = at(config, "data");
        assertEquals("SASL_SSL", data.get("KAFKA_SECURITY_PROTOCOL"));
        assertEquals("SCRAM-SHA-512", data.get("KAFKA_SASL_MECHANISM"));
        assertEquals("PEM", data.get("KAFKA_SSL_TRUSTSTORE_TYPE"));
        assertTrue(String.valueOf(data.get("KAFKA_BOOTSTRAP_SERVERS")).endsWith(":9093"), "the TLS listener");
        for (String service : ManifestsTest.SERVICES) {
            Map<String, Object> d = one("Deployment", service);
            List<Map<String, Object>> containers = at(d, "spec", "template", "spec", "containers");
            List<Map<String, Object>> env = at(containers.get(0), "env");
            assertEquals(Map.of("name", service, "key", "sasl.jaas.config"), secretRef(env, "KAFKA_SASL_JAAS_CONFIG"), service);
            assertEquals(Map.of("name", CLUSTER_CA_SECRET, "key", "ca.crt"), secretRef(env, "KAFKA_SSL_TRUSTSTORE_CERTIFICATES"),
                    service);
        }
        Map<String, Object> gateway = one("Deployment", "gateway");
        assertFalse(gateway.toString().contains("sasl.jaas.config"), "the gateway has no Kafka credentials");
    }

    static Map<String, Object> secretRef(List<Map<String, Object>> env, String variable) {
        Map<String, Object> entry = env.stream().filter(e -> variable.equals(e.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + variable));
        return at(entry, "valueFrom", "secretKeyRef");
    }

    // ------------------------------------------------------------------ Ingress

    @Test
    @SuppressWarnings("unchecked")
    void theIngressServesTlsForEveryHost() {
        for (Map<String, Object> ingress : ofKind("Ingress")) {
            List<Map<String, Object>> tls = at(ingress, "spec", "tls");
            assertNotNull(tls, name(ingress) + " has tls");
            Set<String> covered = new TreeSet<>();
            for (Map<String, Object> entry : tls) {
                assertNotNull(entry.get("secretName"), "a certificate secret");
                covered.addAll((List<String>) entry.get("hosts"));
            }
            List<Map<String, Object>> rules = at(ingress, "spec", "rules");
            for (Map<String, Object> rule : rules) {
                assertTrue(covered.contains(rule.get("host")), rule.get("host") + " is served with TLS");
            }
        }
    }
}
