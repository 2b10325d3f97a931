package dev.itsm.webhook.subscription;

import static dev.itsm.webhook.subscription.SubscriptionTestSupport.BASE;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.PROBLEM;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.body;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.create;
import static dev.itsm.webhook.subscription.SubscriptionTestSupport.integrator;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Every bad field of a subscription is a 400 naming the field and what is wrong with it. */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_webhook"))
class SubscriptionValidationTest {

    static final List<String> TYPES = List.of("dev.itsm.incident.IncidentOpened");

    static ValidatableResponse refused(Map<String, Object> body) {
        return integrator().body(body).post(BASE).then().statusCode(400).contentType(PROBLEM).body("type", endsWith("/validation"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not a url at all|is not a valid URL",
            "/relative/path|must be an absolute https URL",
            "ftp://files.example.com/x|scheme ftp is not allowed: https required",
            "http://93.184.216.34/hook|https required",
            "https://169.254.169.254/latest/meta-data|address 169.254.169.254 is not allowed: the cloud metadata address",
            "https://10.1.2.3/hook|address 10.1.2.3 is not allowed: private network",
            "https://172.20.0.5/hook|address 172.20.0.5 is not allowed: private network",
            "https://192.168.1.1/hook|address 192.168.1.1 is not allowed: private network",
            "https://100.64.1.1/hook|address 100.64.1.1 is not allowed: carrier-grade NAT",
            "https://0.0.0.0/hook|address 0.0.0.0 is not allowed",
            "https://[fe80::1]/hook|address fe80:0:0:0:0:0:0:1 is not allowed: link-local",
            "https://[fd00::1]/hook|address fd00:0:0:0:0:0:0:1 is not allowed: private network",
            "https://224.0.0.1/hook|address 224.0.0.1 is not allowed: multicast",
            "https://user:pw@hooks.example.com/x|must not carry user information" })
    void aBadTargetIsRefusedNamingWhy(String url, String message) {
        refused(body("Bad target", url, TYPES)).body("errors.field", hasItem("targetUrl"))
                .body("errors.message", hasItem(containsString(message)));
    }

    @Test
    void plainHttpToLoopbackIsAcceptedWhereTheOperatorAllowsLoopback() {
        // %test sets webhook.target.allow-loopback=true, like the local stack
        create(body("Local receiver", "http://localhost:8099/hook", TYPES));
        create(body("Local receiver v6", "http://[::1]:8099/hook", TYPES));
    }

    @Test
    void unknownEventTypesAreNamedAndAWholeServiceMayBeSelected() {
        refused(body("Typo", "https://127.0.0.1/x", List.of("dev.itsm.incident.IncidentOpened", "dev.itsm.incident.IncidentExploded",
                "dev.itsm.nosuch.*", "dev.itsm.webhook.WebhookSubscriptionChanged")))
                .body("errors.field", hasItems("eventTypes[1]", "eventTypes[2]", "eventTypes[3]"))
                .body("errors.message", hasItem(containsString("unknown event type dev.itsm.incident.IncidentExploded")))
                .body("errors.message", hasItem(containsString("unknown event type dev.itsm.nosuch.*")));
        refused(body("None", "https://127.0.0.1/x", List.of())).body("errors.field", hasItem("eventTypes"))
                .body("errors.message", hasItem(containsString("at least one")));
        create(body("Whole service", "https://127.0.0.1/x", List.of("dev.itsm.incident.*", "dev.itsm.sla.SlaBreached")));
    }

    @Test
    void aSuppliedSecretMustBeAStandardWebhooksSecretOfAtLeast24Bytes() {
        Map<String, Object> b = body("Secret", "https://127.0.0.1/x", TYPES);
        b.put("secret", "whsec_" + Base64.getEncoder().encodeToString(new byte[16]));
        refused(b).body("errors.field", hasItem("secret")).body("errors.message", hasItem(containsString("at least 24 bytes")));
        b.put("secret", "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t");
        refused(b).body("errors.field", hasItem("secret")).body("errors.message", hasItem(containsString("must start with whsec_")));
        b.put("secret", "whsec_***not base64***");
        refused(b).body("errors.message", hasItem(containsString("base64")));
    }

    @Test
    void allBadFieldsAreReportedTogether() {
        Map<String, Object> b = body(" ", "http://93.184.216.34/", List.of("nope"));
        b.put("state", "DISABLED");
        refused(b).body("errors.field", hasItems("name", "targetUrl", "eventTypes[0]", "state"));
        integrator().body("{\"name\":\"x\",\"targetUrl\":\"https://127.0.0.1/\",\"eventTypes\":[\"dev.itsm.incident.*\"],\"state\":\"SLEEPING\"}")
                .post(BASE).then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void aPatchIsCheckedLikeACreateAndCannotChangeStateOrSecret() {
        String id = (String) create(body("Patched", "https://127.0.0.1/x", TYPES)).get("id");
        integrator().contentType("application/merge-patch+json").body("{\"targetUrl\":\"https://169.254.169.254/\"}")
                .patch(BASE + "/" + id).then().statusCode(400).body("errors[0].field", equalTo("targetUrl"))
                .body("errors[0].message", containsString("169.254.169.254"));
        integrator().contentType("application/merge-patch+json").body("{\"state\":\"PAUSED\",\"secret\":\"whsec_x\",\"colour\":\"red\"}")
                .patch(BASE + "/" + id).then().statusCode(400)
                .body("errors.field", hasItems("state", "secret", "colour"))
                .body("errors.message", hasItems(containsString("pause and resume"), containsString("rotate-secret"), containsString("unknown field")));
        integrator().contentType("application/merge-patch+json").body("{\"eventTypes\":[]}")
                .patch(BASE + "/" + id).then().statusCode(400).body("errors[0].field", equalTo("eventTypes"));
    }

    @ParameterizedTest
    @CsvSource({ "P8D", "PT-1H", "banana" })
    void aRotationOverlapOutsidePT0SToP7DIsRefused(String overlap) {
        String id = (String) create(body("Rotate", "https://127.0.0.1/x", TYPES)).get("id");
        integrator().body(Map.of("overlap", overlap)).post(BASE + "/" + id + "/rotate-secret").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("overlap"));
    }
}
