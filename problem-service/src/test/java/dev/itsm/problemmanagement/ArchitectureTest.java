package dev.itsm.problemmanagement;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.itsm.testing.ArchitectureRules;

/** The shared rules of the test kit, plus problem-service's own: the problem core does not reach into candidate detection. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.itsm.problemmanagement");

    @Test
    void followsTheSharedArchitectureRules() {
        ArchitectureRules.check("dev.itsm.problemmanagement");
    }

    @Test
    void theProblemCoreAndTheKnownErrorsDoNotDependOnCandidatesOrTheEventHandlers() {
        // candidates and handlers call the core (logFromCandidate, on…), never the other way round
        noClasses().that().resideInAnyPackage("dev.itsm.problemmanagement", "dev.itsm.problemmanagement.events..",
                "dev.itsm.problemmanagement.knownerror..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.itsm.problemmanagement.candidate..")
                .check(CLASSES);
    }
}
