package dev.itsm.webhook.egress;

import static dev.itsm.webhook.subscription.SubscriptionTestSupport.BASE;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.body;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.integrator;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The operator's configuration reaches the policy: an allowed private network opens, loopback closes without the flag. */
@QuarkusTest
@TestProfile(AllowedNetworksTest.Production.class)
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_webhook"))
class AllowedNetworksTest {

    /** As in production (no loopback), with one integration network allowed. */
    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("webhook.target.allow-loopback", "false", "webhook.target.allowed-networks", "10.20.0.0/16, fd00:1::/64",
                    // nothing here is about delivery: keep the consumer and dispatcher of this extra Quarkus start quiet
                    "itsm.consumer.enabled", "false");
        }
    }

    static final List<String> TYPES = List.of("dev.itsm.incident.*");

    @Test
    void anAllowedNetworkIsAcceptedAndItsNeighboursAreNot() {
        integrator().body(body("Integration host", "https://10.20.1.1/hook", TYPES)).post(BASE).then().statusCode(201);
        integrator().body(body("Integration host v6", "https://[fd00:1::5]/hook", TYPES)).post(BASE).then().statusCode(201);
        integrator().body(body("Neighbour", "https://10.21.1.1/hook", TYPES)).post(BASE).then().statusCode(400)
                .body("errors.message", hasItem(containsString("address 10.21.1.1 is not allowed: private network")));
    }

    @Test
    void withoutTheLoopbackFlagLoopbackIsRefusedAndHttpsRequired() {
        integrator().body(body("Local", "https://127.0.0.1/hook", TYPES)).post(BASE).then().statusCode(400)
                .body("errors.message", hasItem(containsString("address 127.0.0.1 is not allowed: loopback")));
        integrator().body(body("Local http", "http://localhost:8099/hook", TYPES)).post(BASE).then().statusCode(400)
                .body("errors.message", hasItem(containsString("https required")));
    }
}
