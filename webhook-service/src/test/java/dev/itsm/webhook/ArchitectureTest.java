package dev.itsm.webhook;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.itsm.testing.ArchitectureRules;

/** The shared rules of the test kit, plus webhook's own: subscriptions know nothing of delivery; the SSRF policy is plain Java. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.itsm.webhook");

    @Test
    void followsTheSharedArchitectureRules() {
        ArchitectureRules.check("dev.itsm.webhook");
    }

    @Test
    void subscriptionsTargetsAndTheCatalogueDoNotDependOnDeliveryOrIntake() {
        // delivery and intake use subscriptions, never the other way round: no cycle, and a subscription change never waits on HTTP
        noClasses().that().resideInAnyPackage("dev.itsm.webhook.subscription..", "dev.itsm.webhook.egress..", "dev.itsm.webhook.catalog..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.itsm.webhook.delivery..", "dev.itsm.webhook.intake..")
                .check(CLASSES);
    }

    @Test
    void theTargetPolicyAndTheSubscriptionRulesArePureJava() {
        noClasses().that().haveSimpleName("Subscription").or().haveSimpleName("Cidr").or().haveSimpleName("Secrets")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.apache.kafka..", "jakarta.transaction..",
                        "jakarta.enterprise..", "io.vertx..", "java.net.http..")
                .check(CLASSES);
    }
}
