package dev.itsm.incident;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.itsm.testing.ArchitectureRules;

/** The house style (shared rules), plus: the lifecycle and priority rules know nothing of HTTP or Kafka. */
class ArchitectureTest {

    @Test
    void followsTheSharedArchitectureRules() {
        ArchitectureRules.check("dev.itsm.incident");
    }

    /** The shared rule covers entities and events; the enums and the matrix the aggregate uses are domain too. */
    @Test
    void theLifecycleAndPriorityRulesDoNotDependOnRestKafkaOrTheApi() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.itsm.incident");
        noClasses().that().belongToAnyOf(IncidentState.class, Command.class, PriorityMatrix.class, Priority.class,
                Impact.class, Urgency.class, HoldReason.class, ResolutionCode.class)
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.apache.kafka..",
                        "io.cloudevents..", "dev.itsm.incident.api..")
                .check(classes);
    }
}
