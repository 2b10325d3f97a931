package dev.itsm.incident;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The aggregate, its lifecycle, the priority matrix and the event payloads know nothing of HTTP or Kafka. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.itsm.incident");

    @Test
    void theDomainDoesNotDependOnRestOrKafka() {
        noClasses().that().belongToAnyOf(Incident.class, IncidentState.class, Command.class, PriorityMatrix.class,
                Priority.class, Impact.class, Urgency.class, HoldReason.class, ResolutionCode.class)
                .or().resideInAPackage("dev.itsm.incident.events..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.apache.kafka..",
                        "io.cloudevents..", "dev.itsm.incident.api..")
                .check(CLASSES);
    }

    @Test
    void onlyThePlatformTalksToKafka() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..")
                .check(CLASSES);
    }
}
