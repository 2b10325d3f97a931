package dev.itsm.platform.events;

import static dev.itsm.platform.events.FeedBatch.transactionsOf;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.itsm.platform.testapp.FeedHandler;
import dev.itsm.testing.ItsmTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * "Every record of the topic is applied", asked of the real broker: not while a record is being applied or waits
 * behind one, and again once the consumer has applied and committed them.
 */
@QuarkusTest
@QuarkusTestResource(ItsmTestResources.class)
class ConsumerGroupProgressTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final Duration ASK = Duration.ofSeconds(5);

    @Inject
    ConsumerGroupProgress progress;
    @Inject
    DataSource ds;

    static String id() {
        return UUID.randomUUID().toString();
    }

    boolean applied() {
        return progress.appliedEverything(FeedHandler.TOPIC, ASK);
    }

    @Test
    void notCaughtUpWhileARecordIsBeingAppliedOrWaitsAndCaughtUpOnceTheyAreCommitted() throws Exception {
        new FeedBatch("progress-start-" + id()).event(id(), "{\"n\":0}").send(); // the topic has records
        await().atMost(WAIT).until(this::applied); // including whatever earlier tests left

        String hold = "progress-" + id();
        String held = id();
        String behind = id();
        FeedHandler.hold(hold);
        try {
            new FeedBatch("progress-held-" + id()).event(held, "{\"n\":1,\"hold\":\"" + hold + "\"}").send();
            await().atMost(WAIT).until(() -> FeedHandler.holding(hold));
            assertFalse(applied(), "a record fetched and being applied is not applied");
            new FeedBatch("progress-behind-" + id()).event(behind, "{\"n\":2}").send();
            assertFalse(applied(), "nor one waiting on the log behind it");
        } finally {
            FeedHandler.release(hold);
        }
        await().atMost(WAIT).until(() -> transactionsOf(ds, behind).size() == 1);
        await().atMost(WAIT).until(this::applied);
        assertEquals(1, transactionsOf(ds, held).size());
    }

    @Test
    void aTopicTheBrokerDoesNotKnowIsNeverCaughtUp() {
        assertFalse(progress.appliedEverything("itsm.nosuch.events", Duration.ofSeconds(2)));
    }
}
