package dev.itsm.catalog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Domain code (aggregates, their value types, events, graph algorithms) knows nothing about HTTP or Kafka. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.itsm.catalog");

    @Test
    void aggregatesAndEventsDoNotDependOnRestOrKafka() {
        noClasses().that().areAnnotatedWith(jakarta.persistence.Entity.class)
                .or().areAnnotatedWith(jakarta.persistence.Embeddable.class)
                .or().resideInAPackage("dev.itsm.catalog.events..")
                .or().haveSimpleNameEndingWith("Status")
                .or().haveSimpleName("DependencyGraph").or().haveSimpleName("ImpactGraph")
                .or().haveSimpleName("RelationType").or().haveSimpleName("TargetType")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.apache.kafka..", "io.restassured..")
                .check(CLASSES);
    }

    @Test
    void onlyResourcesTouchJaxRs() {
        noClasses().that().haveSimpleNameNotEndingWith("Resource")
                .and().doNotHaveSimpleName("Http")
                .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..")
                .check(CLASSES);
    }

    @Test
    void nothingSendsToKafkaDirectly() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.kafka..").check(CLASSES);
    }
}
