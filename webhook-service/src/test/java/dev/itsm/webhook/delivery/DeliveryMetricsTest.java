package dev.itsm.webhook.delivery;

import static dev.itsm.webhook.subscription.SubscriptionTestSupport.BASE;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.body;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.create;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.integrator;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.itsm.testing.CloudEventPublisher;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.webhook.delivery.TestReceiver.Behaviour;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The delivery metrics on /q/metrics move with real deliveries: attempts by outcome, the open backlog and its age. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_webhook"))
class DeliveryMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestReceiver receiver;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new TestReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private static double metric(String name, String labels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + (labels.isEmpty() ? "" : "\\{" + Pattern.quote(labels) + "\\}")
                + " ([0-9.eE+-]+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private static String subscribe(String subject, Behaviour behaviour) {
        String path = "/metrics/" + UUID.randomUUID();
        Map<String, Object> body = body("metrics test", receiver.url(path), List.of("dev.itsm.incident.*"));
        body.put("subjects", List.of(subject));
        Map<String, Object> created = create(body);
        receiver.secret(path, (String) created.get("secret")).behave(path, behaviour);
        return (String) created.get("id");
    }

    @Test
    void attemptsAreCountedByOutcomeAndAFailingSubscriberShowsAsAnAgeingBacklog() {
        double deliveredBefore = Math.max(0, metric("itsm_webhook_delivery_attempts_total", "outcome=\"delivered\""));
        double retriedBefore = Math.max(0, metric("itsm_webhook_delivery_attempts_total", "outcome=\"retry\""));

        String fine = UUID.randomUUID().toString();
        subscribe(fine, Behaviour.ok());
        CloudEventPublisher.publish("incident", "IncidentOpened", fine, Map.of("incidentId", fine, "title", "Fine"));
        await().atMost(WAIT).until(() -> metric("itsm_webhook_delivery_attempts_total", "outcome=\"delivered\"") >= deliveredBefore + 1);

        String failing = UUID.randomUUID().toString();
        String id = subscribe(failing, Behaviour.status(500));
        CloudEventPublisher.publish("incident", "IncidentOpened", failing, Map.of("incidentId", failing, "title", "Failing"));
        await().atMost(WAIT).until(() -> metric("itsm_webhook_delivery_attempts_total", "outcome=\"retry\"") >= retriedBefore + 2);
        await().atMost(WAIT).until(() -> metric("itsm_webhook_deliveries_open", "") >= 1);
        assertTrue(metric("itsm_webhook_deliveries_oldest_due_age_seconds", "") >= 0, "the age gauge is exported");

        integrator().delete(BASE + "/" + id).then().statusCode(204); // nothing keeps retrying after the test
    }
}
