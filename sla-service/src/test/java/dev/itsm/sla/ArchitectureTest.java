package dev.itsm.sla;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Domain classes (aggregates, calendar arithmetic, agreement rules, event payloads) know nothing of REST or Kafka. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.itsm.sla");

    @Test
    void domainClassesDoNotDependOnRestOrKafka() {
        noClasses().that().haveSimpleNameNotEndingWith("Resource")
                .and().resideInAnyPackage("dev.itsm.sla.calendar..", "dev.itsm.sla.agreement..", "dev.itsm.sla.timer..",
                        "dev.itsm.sla.events..", "dev.itsm.sla.report..", "dev.itsm.sla.incident..")
                .and().haveSimpleNameNotEndingWith("View")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.apache.kafka..")
                .check(CLASSES);
    }

    @Test
    void theCalendarArithmeticAndTheTimerStateMachineArePureJava() {
        noClasses().that().haveSimpleName("BusinessCalendar").or().haveSimpleName("SlaTimer").or().haveSimpleName("AgreementDefinition")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.apache.kafka..", "jakarta.transaction..",
                        "jakarta.enterprise..", "io.smallrye..")
                .check(CLASSES);
    }
}
