package dev.itsm.change;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The domain (aggregate, state machine, approvals, risk, conflict detection) knows nothing of REST or Kafka. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.itsm.change");

    @Test
    void theDomainDoesNotDependOnRestOrKafka() {
        noClasses().that().resideInAnyPackage("dev.itsm.change.approval..", "dev.itsm.change.risk..", "dev.itsm.change.schedule..",
                "dev.itsm.change.events..")
                .or().haveSimpleNameStartingWith("ChangeRequest").or().haveSimpleNameStartingWith("ChangeLifecycle")
                .or().haveSimpleNameStartingWith("ChangeState").or().haveSimpleNameStartingWith("OverrideRecord")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.apache.kafka..", "org.jboss.resteasy..")
                .check(CLASSES);
    }

    @Test
    void resourcesDoNotTouchTheDatabaseOrTheOutboxDirectly() {
        noClasses().that().haveSimpleNameEndingWith("Resource")
                .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.EntityManager")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.itsm.platform.events.Outbox")
                .check(CLASSES);
    }
}
