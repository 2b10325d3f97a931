package dev.itsm.catalog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.itsm.testing.ArchitectureRules;

/** The suite's shared house rules, plus the catalogue's own: its graph algorithms and state machines are plain Java. */
class ArchitectureTest {

    @Test
    void followsTheSharedArchitectureRules() {
        ArchitectureRules.check("dev.itsm.catalog");
    }

    @Test
    void graphsAndStateMachinesDoNotDependOnRestOrKafka() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.itsm.catalog");
        noClasses().that().areAnnotatedWith(jakarta.persistence.Embeddable.class)
                .or().haveSimpleNameEndingWith("Status").or().haveSimpleNameEndingWith("Command")
                .or().haveSimpleName("DependencyGraph").or().haveSimpleName("ImpactGraph")
                .or().haveSimpleName("RelationType").or().haveSimpleName("TargetType")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.apache.kafka..", "dev.itsm.catalog.api..")
                .check(classes);
    }
}
