package dev.itsm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the stack runs and in which order, and what only the local stack tells webhook-service:
 * that a subscriber's receiver on loopback is fine (on one machine every receiver is); and that a
 * test can tell problem-service a short fix-verification period, request-service a quick
 * access-expiry check and monitoring-service quick resolution and suppression-expiry checks.
 */
class ComponentsTest {

    @TempDir
    Path home;

    private static int startsAt(String name) {
        List<String> order = Component.ALL.stream().map(Component::name).toList();
        assertTrue(order.contains(name), name + " is a component");
        return order.indexOf(name);
    }

    @Test
    void webhookServiceStartsAfterEveryServiceWhoseTopicItReadsAndBeforeTheGateway() {
        int webhook = startsAt("webhook-service");
        for (String service : List.of("catalog-service", "incident-service", "sla-service", "change-service",
                "problem-service", "request-service", "monitoring-service")) {
            assertTrue(startsAt(service) < webhook, service + " starts before webhook-service");
        }
        assertEquals(Component.ALL.size() - 1, startsAt("gateway"), "the gateway starts last");
    }

    @Test
    void webhookServiceHasItsOwnPortAndDatabaseAndAServicesHeap() {
        Component webhook = Component.ALL.get(startsAt("webhook-service"));
        assertEquals(8088, webhook.port());
        assertEquals("itsm_webhook", webhook.database());
        assertEquals(Component.ALL.get(startsAt("sla-service")).maxHeapMb(), webhook.maxHeapMb());
        assertEquals(8088, Stack.Options.localStack(home).ports().get("webhook-service"), "./itsm up's fixed port");
    }

    @Test
    void onlyWebhookServiceIsToldThatLoopbackTargetsAreAllowedAndATestMayOverrideIt() {
        Stack stack = new Stack(Stack.Options.isolated(home, home, null));
        for (Component c : Component.ALL) {
            String allowLoopback = stack.environment(c.name()).get("WEBHOOK_TARGET_ALLOW_LOOPBACK");
            if (c.name().equals("webhook-service")) {
                assertEquals("true", allowLoopback);
            } else {
                assertNull(allowLoopback, c.name() + " is told about webhook targets");
            }
        }
        Stack strict = new Stack(Stack.Options.isolated(home, home, null).withEnv(Map.of("WEBHOOK_TARGET_ALLOW_LOOPBACK", "false")));
        assertEquals("false", strict.environment("webhook-service").get("WEBHOOK_TARGET_ALLOW_LOOPBACK"));
    }

    @Test
    void webhookServiceGetsItsDatabaseAndTheGatewayRoutesToIt() {
        Stack stack = new Stack(Stack.Options.isolated(home, home, null));
        assertTrue(stack.environment("webhook-service").get("QUARKUS_DATASOURCE_JDBC_URL").endsWith("itsm_webhook"));
        assertEquals("http://127.0.0.1:" + stack.port("webhook-service"),
                stack.environment("gateway").get("ITSM_UPSTREAM_WEBHOOK_URL"));
    }

    @Test
    void problemServiceStartsAfterTheServicesWhoseTopicsItReadsAndBeforeWebhookServiceAndTheGateway() {
        int problem = startsAt("problem-service");
        for (String service : List.of("catalog-service", "incident-service", "change-service")) {
            assertTrue(startsAt(service) < problem, service + " starts before problem-service");
        }
        assertTrue(problem < startsAt("webhook-service"), "problem-service starts before webhook-service, which reads its topic");
        assertTrue(problem < startsAt("gateway"), "problem-service starts before the gateway");
    }

    @Test
    void problemServiceHasItsOwnPortAndDatabaseAndAServicesHeap() {
        Component problem = Component.ALL.get(startsAt("problem-service"));
        assertEquals(8086, problem.port());
        assertEquals("itsm_problem", problem.database());
        assertEquals(Component.ALL.get(startsAt("incident-service")).maxHeapMb(), problem.maxHeapMb());
        assertEquals(8086, Stack.Options.localStack(home).ports().get("problem-service"), "./itsm up's fixed port");
        long distinctPorts = Component.ALL.stream().mapToInt(Component::port).distinct().count();
        assertEquals(Component.ALL.size(), distinctPorts, "every component has a port of its own");
    }

    @Test
    void problemServiceGetsItsDatabaseAndTheGatewayRoutesToIt() {
        Stack stack = new Stack(Stack.Options.isolated(home, home, null));
        assertTrue(stack.environment("problem-service").get("QUARKUS_DATASOURCE_JDBC_URL").endsWith("itsm_problem"));
        assertEquals("http://127.0.0.1:" + stack.port("problem-service"),
                stack.environment("gateway").get("ITSM_UPSTREAM_PROBLEM_URL"));
    }

    /**
     * The system test cannot wait a week for a fix to be verified: it shortens the period through
     * the stack's environment, which reaches problem-service (and every instance of it).
     */
    @Test
    void aTestMayShortenProblemServicesFixVerificationPeriod() {
        Stack stack = new Stack(Stack.Options.isolated(home, home, null).withInstances("problem-service", 2)
                .withEnv(Map.of("PROBLEM_FIX_VERIFICATION_PERIOD", "5s", "PROBLEM_FIX_VERIFICATION_CHECK_EVERY", "1s")));
        for (String instance : stack.instances("problem-service")) {
            assertEquals("5s", stack.environment(instance).get("PROBLEM_FIX_VERIFICATION_PERIOD"), instance);
            assertEquals("1s", stack.environment(instance).get("PROBLEM_FIX_VERIFICATION_CHECK_EVERY"), instance);
        }
        assertNull(new Stack(Stack.Options.isolated(home, home, null)).environment("problem-service")
                .get("PROBLEM_FIX_VERIFICATION_PERIOD"), "by default the service's own period (7d) holds");
    }

    @Test
    void requestServiceStartsAfterTheCatalogAndBeforeSlaWebhookServiceAndTheGateway() {
        int request = startsAt("request-service");
        assertTrue(startsAt("catalog-service") < request, "catalog-service (whose terms it replicates) starts first");
        assertTrue(request < startsAt("sla-service"), "request-service starts before sla-service, which reads its topic");
        assertTrue(request < startsAt("webhook-service"), "request-service starts before webhook-service, which reads its topic");
        assertTrue(request < startsAt("gateway"), "request-service starts before the gateway");
    }

    @Test
    void requestServiceHasItsOwnPortAndDatabaseAndAServicesHeap() {
        Component request = Component.ALL.get(startsAt("request-service"));
        assertEquals(8085, request.port());
        assertEquals("itsm_request", request.database());
        assertEquals(Component.ALL.get(startsAt("incident-service")).maxHeapMb(), request.maxHeapMb());
        assertEquals(8085, Stack.Options.localStack(home).ports().get("request-service"), "./itsm up's fixed port");
        long distinctPorts = Component.ALL.stream().mapToInt(Component::port).distinct().count();
        assertEquals(Component.ALL.size(), distinctPorts, "every component has a port of its own");
    }

    @Test
    void requestServiceGetsItsDatabaseAndTheGatewayRoutesToEveryInstance() {
        Stack stack = new Stack(Stack.Options.isolated(home, home, null).withInstances("request-service", 2));
        assertTrue(stack.environment("request-service").get("QUARKUS_DATASOURCE_JDBC_URL").endsWith("itsm_request"));
        String upstream = stack.environment("gateway").get("ITSM_UPSTREAM_REQUEST_URL");
        for (String instance : stack.instances("request-service")) {
            assertTrue(upstream.contains("http://127.0.0.1:" + stack.port(instance)), instance + " in " + upstream);
        }
    }

    /**
     * The system test cannot wait for a grant's expiry check of a running service (every minute by
     * default, off in the service's own tests): it shortens it through the stack's environment,
     * which reaches every instance of request-service — the job claims due grants with SKIP LOCKED,
     * so several instances revoke each grant once.
     */
    @Test
    void aTestMayMakeRequestServiceCheckAccessExpiryEverySecond() {
        Stack stack = new Stack(Stack.Options.isolated(home, home, null).withInstances("request-service", 2)
                .withEnv(Map.of("REQUEST_ACCESS_CHECK_EVERY", "1s")));
        for (String instance : stack.instances("request-service")) {
            assertEquals("1s", stack.environment(instance).get("REQUEST_ACCESS_CHECK_EVERY"), instance);
        }
        assertNull(new Stack(Stack.Options.isolated(home, home, null)).environment("request-service")
                .get("REQUEST_ACCESS_CHECK_EVERY"), "by default the service's own interval holds");
    }

    @Test
    void monitoringServiceStartsAfterTheServicesWhoseTopicsItReadsAndBeforeWebhookServiceAndTheGateway() {
        int monitoring = startsAt("monitoring-service");
        for (String service : List.of("catalog-service", "incident-service", "change-service")) {
            assertTrue(startsAt(service) < monitoring, service + " (whose topic it replicates) starts before monitoring-service");
        }
        assertTrue(monitoring < startsAt("webhook-service"), "monitoring-service starts before webhook-service, which reads its topic");
        assertTrue(monitoring < startsAt("gateway"), "monitoring-service starts before the gateway");
    }

    @Test
    void monitoringServiceHasItsOwnPortAndDatabaseAndAServicesHeap() {
        Component monitoring = Component.ALL.get(startsAt("monitoring-service"));
        assertEquals(8087, monitoring.port());
        assertEquals("itsm_monitoring", monitoring.database());
        assertEquals(Component.ALL.get(startsAt("incident-service")).maxHeapMb(), monitoring.maxHeapMb());
        assertEquals(8087, Stack.Options.localStack(home).ports().get("monitoring-service"), "./itsm up's fixed port");
        long distinctPorts = Component.ALL.stream().mapToInt(Component::port).distinct().count();
        assertEquals(Component.ALL.size(), distinctPorts, "every component has a port of its own");
    }

    @Test
    void monitoringServiceGetsItsDatabaseAndTheGatewayRoutesToEveryInstance() {
        Stack stack = new Stack(Stack.Options.isolated(home, home, null).withInstances("monitoring-service", 2));
        assertTrue(stack.environment("monitoring-service").get("QUARKUS_DATASOURCE_JDBC_URL").endsWith("itsm_monitoring"));
        assertTrue(stack.environment("monitoring-service#2").get("QUARKUS_DATASOURCE_JDBC_URL").endsWith("itsm_monitoring"),
                "instances share one database (the processor's advisory lock lets one of them work at a time)");
        String upstream = stack.environment("gateway").get("ITSM_UPSTREAM_MONITORING_URL");
        for (String instance : stack.instances("monitoring-service")) {
            assertTrue(upstream.contains("http://127.0.0.1:" + stack.port(instance)), instance + " in " + upstream);
        }
    }

    /**
     * A system test cannot wait out the service's own intervals (resolution every second, manual
     * suppressions every 10 s): it shortens them through the stack's environment, which reaches
     * every instance; by default the service's own intervals hold.
     */
    @Test
    void aTestMayMakeMonitoringServiceCheckResolutionAndSuppressionExpiryEverySecond() {
        Stack stack = new Stack(Stack.Options.isolated(home, home, null).withInstances("monitoring-service", 2)
                .withEnv(Map.of("MONITORING_RESOLUTION_CHECK_EVERY", "1s", "MONITORING_SUPPRESSION_CHECK_EVERY", "1s")));
        for (String instance : stack.instances("monitoring-service")) {
            assertEquals("1s", stack.environment(instance).get("MONITORING_RESOLUTION_CHECK_EVERY"), instance);
            assertEquals("1s", stack.environment(instance).get("MONITORING_SUPPRESSION_CHECK_EVERY"), instance);
        }
        assertNull(new Stack(Stack.Options.isolated(home, home, null)).environment("monitoring-service")
                .get("MONITORING_SUPPRESSION_CHECK_EVERY"), "by default the service's own interval holds");
    }

    @Test
    void theLocalStackSignsTokensForTheEventSourceRole() {
        assertTrue(LocalStack.ALL_ROLES.contains("itsm-event-source"));
    }

    @Test
    void theLocalStackSignsTokensForTheRequesterRole() {
        assertTrue(LocalStack.ALL_ROLES.contains("itsm-requester"));
    }

    @Test
    void theLocalStackSignsTokensForTheProblemManagerRole() {
        assertTrue(LocalStack.ALL_ROLES.contains("itsm-problem-manager"));
    }

    @Test
    void theLocalStackSignsTokensForTheIntegrationAdminRole() {
        assertTrue(LocalStack.ALL_ROLES.contains("itsm-integration-admin"));
        assertFalse(LocalStack.ALL_ROLES.contains("itsm-webhook-admin"), "the role is itsm-integration-admin");
    }
}
