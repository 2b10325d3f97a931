package dev.itsm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several instances of a service, as a cluster runs replicas: each on its own port with the same
 * database and settings, the gateway given every one of them.
 */
class InstancesTest {

    @TempDir
    Path home;

    private Stack twoIncidentServices() {
        return new Stack(Stack.Options.isolated(home, home, null).withInstances("incident-service", 2));
    }

    @Test
    void aSecondInstanceIsNamedAfterItsServiceAndHasItsOwnPort() {
        Stack stack = twoIncidentServices();
        assertEquals(List.of("incident-service", "incident-service#2"), stack.instances("incident-service"));
        assertEquals(List.of("sla-service"), stack.instances("sla-service"));
        assertNotEquals(stack.port("incident-service"), stack.port("incident-service#2"));
        assertEquals("incident-service", Stack.componentOf("incident-service#2"));
        assertEquals("incident-service#2", Stack.instanceName("incident-service", 2));
        assertEquals("incident-service", Stack.instanceName("incident-service", 1));
    }

    @Test
    void instancesShareDatabaseAndSettingsAndDifferInTheirPortOnly() {
        Stack stack = twoIncidentServices();
        Map<String, String> first = stack.environment("incident-service");
        Map<String, String> second = stack.environment("incident-service#2");
        assertEquals(String.valueOf(stack.port("incident-service#2")), second.get("QUARKUS_HTTP_PORT"));
        assertEquals("127.0.0.1", second.get("QUARKUS_HTTP_HOST"));
        first.remove("QUARKUS_HTTP_PORT");
        second.remove("QUARKUS_HTTP_PORT");
        assertEquals(first, second);
    }

    @Test
    void theGatewayIsGivenEveryInstanceOfAServiceAndTheOnlyOneOfTheOthers() {
        Stack stack = twoIncidentServices();
        Map<String, String> gateway = stack.environment("gateway");
        assertEquals("http://127.0.0.1:" + stack.port("incident-service") + ",http://127.0.0.1:" + stack.port("incident-service#2"),
                gateway.get("ITSM_UPSTREAM_INCIDENT_URL"));
        assertEquals("http://127.0.0.1:" + stack.port("sla-service"), gateway.get("ITSM_UPSTREAM_SLA_URL"));
    }

    @Test
    void oneInstanceIsTheDefaultAndFewerInstancesDropThePortsOfTheOthers() {
        Stack.Options three = Stack.Options.isolated(home, home, null).withInstances("sla-service", 3);
        assertEquals(3, three.instancesOf("sla-service"));
        assertEquals(1, three.instancesOf("change-service"));
        Stack.Options one = three.withInstances("sla-service", 1);
        assertEquals(List.of("sla-service"), new Stack(one).instances("sla-service"));
        assertEquals(false, one.ports().containsKey("sla-service#2"));
    }

    @Test
    void theLocalStackRunsOneInstanceOfEachServiceUnlessAskedForMore() {
        assertEquals(2, LocalStack.instances(new String[] { "up", "--instances", "2" }));
        if (System.getenv("ITSM_INSTANCES") == null) {
            assertEquals(1, LocalStack.instances(new String[] { "up" }));
        }
        assertThrows(IllegalArgumentException.class, () -> LocalStack.instances(new String[] { "up", "--instances", "0" }));
        assertThrows(IllegalArgumentException.class, () -> LocalStack.instances(new String[] { "up", "--instances", "two" }));
    }

    @Test
    void theGatewayAndUnknownComponentsCannotBeMultiplied() {
        Stack.Options options = Stack.Options.isolated(home, home, null);
        assertThrows(IllegalArgumentException.class, () -> options.withInstances("gateway", 2));
        assertThrows(IllegalArgumentException.class, () -> options.withInstances("mail-service", 2));
        assertThrows(IllegalArgumentException.class, () -> options.withInstances("sla-service", 0));
    }
}
