package dev.itsm.monitoring;

import static dev.itsm.monitoring.pipeline.AlertFeed.firing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.itsm.monitoring.intake.IntakeQueue;
import dev.itsm.monitoring.pipeline.AlertFeed;
import dev.itsm.monitoring.replica.ReplicaFixtures;
import dev.itsm.testing.ItsmTestResources;
import dev.itsm.testing.TestInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A batch that fails rolls back whole (no alert, no event) and its queue entries are tried again. The failures are
 * made by the database itself — a trigger refusing one alert's insert — so the real processor runs unchanged.
 */
@QuarkusTest
@QuarkusTestResource(value = ItsmTestResources.class, initArgs = @ResourceArg(name = "database", value = "itsm_monitoring"))
class ProcessingFailureTest {

    @Inject
    AlertFeed feed;

    @Inject
    IntakeQueue queue;

    @Test
    void aTransientFailureRollsTheBatchBackAndItsEntriesAreProcessedOnTheNextRound() throws Exception {
        String good = AlertFeed.fingerprint();
        String bad = AlertFeed.fingerprint();
        refuse(bad, "serialization_failure");
        try {
            feed.enqueue(List.of(firing(good, "DiskFull", "fail-" + good), firing(bad, "DiskFull", "fail-" + bad)));
            assertThrows(RuntimeException.class, () -> feed.processPending());
            assertEquals(0, feed.alertCount(good), "rolled back: not even the good alert is kept");
            assertEquals(2, depth(), "both entries wait");
        } finally {
            sql("drop trigger refuse_alert on alert");
        }
        assertEquals(2, feed.processPending());
        assertEquals(1, feed.alertCount(good));
        assertEquals(1, feed.alertCount(bad));
        assertEquals(1, feed.events("AlertRaised", feed.alertByFingerprint(good).id()).size(), "raised once");
        assertEquals(0, depth());
    }

    @Test
    void anEntryThatFailsAloneForGoodIsSetAsideAndTheOthersGoOn() throws Exception {
        String good = AlertFeed.fingerprint();
        String bad = AlertFeed.fingerprint();
        String after = AlertFeed.fingerprint();
        refuse(bad, "check_violation");
        try {
            feed.enqueue(List.of(firing(good, "DiskFull", "fail-" + good), firing(bad, "DiskFull", "fail-" + bad),
                    firing(after, "DiskFull", "fail-" + after)));
            assertEquals(3, feed.processPending());
        } finally {
            sql("drop trigger refuse_alert on alert");
        }
        assertEquals(1, feed.alertCount(good));
        assertEquals(1, feed.alertCount(after));
        assertEquals(0, feed.alertCount(bad));
        assertEquals(1, feed.events("AlertRaised", feed.alertByFingerprint(good).id()).size(), "the failed batch left nothing");
        assertEquals(0, depth());
        String error = (String) ReplicaFixtures.value(
                "select error from alert_processing_failure where alert ->> 'fingerprint' = ?", bad);
        assertTrue(error.contains("refusing alert " + bad), error);
    }

    private long depth() {
        return QuarkusTransaction.requiringNew().call(() -> queue.depth());
    }

    /** A trigger refusing the insert of the alert with this dedup key, with this SQLSTATE condition. */
    private static void refuse(String dedupKey, String condition) throws Exception {
        sql("""
                create or replace function refuse_alert() returns trigger language plpgsql as $$
                begin
                    if new.dedup_key = '%s' then
                        raise exception using errcode = '%s', message = 'refusing alert ' || new.dedup_key;
                    end if;
                    return new;
                end $$""".formatted(dedupKey, condition));
        sql("create trigger refuse_alert before insert on alert for each row execute function refuse_alert()");
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(TestInfrastructure.database("itsm_monitoring"),
                TestInfrastructure.dbUser(), TestInfrastructure.dbPassword()); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
