package dev.itsm.change;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.itsm.testing.ArchitectureRules;

/** The shared rules, plus: the pure domain rules (approvals, risk, conflict detection) know nothing of REST or Kafka. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.itsm.change");

    @Test
    void followsTheSharedArchitectureRules() {
        ArchitectureRules.check("dev.itsm.change");
    }

    @Test
    void approvalRiskAndConflictRulesDoNotDependOnRestOrKafka() {
        noClasses().that().resideInAnyPackage("dev.itsm.change.approval..", "dev.itsm.change.risk..", "dev.itsm.change.schedule..")
                .and().haveSimpleNameNotEndingWith("Resource").and().haveSimpleNameNotStartingWith("WindowRequests")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.apache.kafka..", "org.jboss.resteasy..")
                .check(CLASSES);
    }

    @Test
    void resourcesDoNotTouchTheOutboxDirectly() {
        noClasses().that().haveSimpleNameEndingWith("Resource")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.itsm.platform.events.Outbox")
                .check(CLASSES);
    }
}
