package dev.itsm.sla;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.itsm.testing.ArchitectureRules;

/** The shared rules of the test kit, plus sla's own: the calendar arithmetic and timer state machine are pure Java. */
class ArchitectureTest {

    @Test
    void followsTheSharedArchitectureRules() {
        ArchitectureRules.check("dev.itsm.sla");
    }

    @Test
    void theWorkingTimeArithmeticAndTheTimerStateMachineArePureJava() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.itsm.sla");
        noClasses().that().haveSimpleName("WorkingTime").or().haveSimpleName("SlaTimer").or().haveSimpleName("AgreementDefinition")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.apache.kafka..", "jakarta.transaction..",
                        "jakarta.enterprise..", "io.smallrye..")
                .check(classes);
    }
}
