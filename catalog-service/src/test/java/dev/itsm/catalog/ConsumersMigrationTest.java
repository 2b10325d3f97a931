package dev.itsm.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * V3__consumers.sql on a catalogue that has offerings already: their components get the keys
 * request-service falls back on ({@code <kind lower-case with - for _>-<position + 1>}), in a schema of
 * their own so the service's tables stay untouched.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_catalog"))
class ConsumersMigrationTest {

    static final String SCHEMA = "v3_migration_check";

    @Inject
    DataSource dataSource;

    @Test
    void existingComponentsGetKeysFromTheirKindAndPosition() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
        }
        flyway("2").migrate();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into " + SCHEMA + ".offering (id, name, target_consumer_group, status, created_at, updated_at, version) "
                    + "values ('00000000-0000-0000-0000-000000000001', 'Old', 'all', 'PUBLISHED', now(), now(), 3)");
            s.execute("insert into " + SCHEMA + ".offering_component (offering_id, position, kind, description) values "
                    + "('00000000-0000-0000-0000-000000000001', 0, 'GOODS', 'Headset'), "
                    + "('00000000-0000-0000-0000-000000000001', 1, 'ACCESS_TO_RESOURCES', 'Mailbox'), "
                    + "('00000000-0000-0000-0000-000000000001', 2, 'SERVICE_ACTION', 'Reset')");
        }
        flyway("3").migrate();
        List<String> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select component_key, fulfilment_group, access_period from " + SCHEMA + ".offering_component order by position")) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                    assertEquals(null, rs.getString(2));
                    assertEquals(null, rs.getString(3));
                }
            }
            try (ResultSet rs = s.executeQuery("select cost_amount, request_form from " + SCHEMA + ".offering")) {
                rs.next();
                assertEquals(null, rs.getObject(1), "no cost: costs nothing");
                assertEquals(null, rs.getObject(2), "no form: asks nothing");
            }
            s.execute("drop schema " + SCHEMA + " cascade");
        }
        assertEquals(List.of("goods-1", "access-to-resources-2", "service-action-3"), keys);
    }

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(dataSource).schemas(SCHEMA).createSchemas(true)
                .locations("classpath:db/migration").target(target).load();
    }
}
