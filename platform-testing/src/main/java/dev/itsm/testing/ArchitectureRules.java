package dev.itsm.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

/**
 * The house style (docs/STYLE.md) as rules every service's code is checked against, the same for
 * all of them: {@code ArchitectureRules.check("dev.itsm.incident")} in one test per service.
 * <ul>
 * <li>the domain — JPA entities, enums and the {@code events} package — knows nothing of HTTP,
 * Kafka, CloudEvents or the service's {@code api} records;</li>
 * <li>only the platform talks to Kafka;</li>
 * <li>time comes from the injected {@code Clock}: no {@code Instant.now()} and friends;</li>
 * <li>aggregates keep their state private: an entity has no public instance field, and no class
 * outside it writes one of its fields;</li>
 * <li>resources are thin: transactions belong to services, so no {@code @Transactional} on a
 * resource, and no resource talks to the {@code EntityManager};</li>
 * <li>events are immutable records.</li>
 * </ul>
 */
public final class ArchitectureRules {

    private static final DescribedPredicate<JavaClass> ENTITIES = DescribedPredicate.describe("JPA entities",
            c -> c.isAnnotatedWith("jakarta.persistence.Entity"));

    private ArchitectureRules() {
    }

    /** The rules, for code under {@code basePackage}. */
    public static List<ArchRule> rules(String basePackage) {
        List<ArchRule> rules = new ArrayList<>();
        rules.add(noClasses().that(ENTITIES).or().resideInAPackage(basePackage + ".events..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.apache.kafka..",
                        "io.cloudevents..", "io.vertx..", basePackage + ".api..")
                .as("the domain (entities and events) does not depend on REST, Kafka or the API records"));
        rules.add(noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.cloudevents..")
                .as("only the platform talks to Kafka"));
        rules.add(noClasses().should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(OffsetDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .as("time comes from the injected Clock (tests move it), never from the system clock directly"));
        rules.add(fields().that().areDeclaredInClassesThat(ENTITIES).and().areNotStatic()
                .should().notBePublic()
                .as("aggregates keep their state private"));
        rules.add(noClasses().that().doNotHaveModifier(JavaModifier.SYNTHETIC)
                .should().setFieldWhere(DescribedPredicate.describe("a field of another class's entity",
                        (JavaFieldAccess access) -> access.getTarget().getOwner().isAnnotatedWith("jakarta.persistence.Entity")
                                && !access.getOriginOwner().equals(access.getTarget().getOwner())
                                && !access.getOriginOwner().getEnclosingClass().map(access.getTarget().getOwner()::equals).orElse(false)))
                .as("only an aggregate changes its own fields"));
        rules.add(classes().that().haveSimpleNameEndingWith("Resource").should().notBeAnnotatedWith("jakarta.transaction.Transactional")
                .as("resources are thin: services own transactions"));
        rules.add(methods().that().areDeclaredInClassesThat().haveSimpleNameEndingWith("Resource")
                .should().notBeAnnotatedWith("jakarta.transaction.Transactional")
                .as("resource methods are not transactional: services own transactions"));
        rules.add(noClasses().that().haveSimpleNameEndingWith("Resource")
                .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.EntityManager")
                .as("resources do not query the database themselves"));
        rules.add(classes().that().resideInAPackage(basePackage + ".events..").and().areNotInterfaces()
                .and().areNotEnums().and().areTopLevelClasses()
                .should().beRecords()
                .as("event payloads are records"));
        return rules;
    }

    /** Checks every rule on the main classes under {@code basePackage}, failing with all violations at once. */
    public static void check(String basePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(basePackage);
        if (classes.isEmpty()) {
            throw new AssertionError("no classes found under " + basePackage);
        }
        List<String> failures = new ArrayList<>();
        for (ArchRule rule : rules(basePackage)) {
            EvaluationResult result = rule.allowEmptyShould(true).evaluate(classes);
            if (result.hasViolation()) {
                failures.add(result.getFailureReport().toString());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n\n", failures));
        }
    }
}
