package dev.itsm.problemmanagement;

import dev.itsm.testing.StatementCapture;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;

/** The test kit's {@link StatementCapture} as this service's Hibernate statement inspector. */
@PersistenceUnitExtension
@ApplicationScoped
public class ProblemSqlCapture extends StatementCapture {
}
