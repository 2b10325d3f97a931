package dev.itsm.platform.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.itsm.platform.ItsmConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The changes feed of a collection: {@code ?updatedSince=…} then {@code &cursor=…}, ordered by
 * {@code (updatedAt, id)}, for integrators that sync by pulling only what changed.
 *
 * <p><b>Why no row committed late is missed.</b> {@code updatedAt} is taken inside the writing
 * transaction, and a transaction running longer than the transaction timeout
 * ({@code quarkus.transaction-manager.default-transaction-timeout}, 20 s by default in the suite) is
 * rolled back, never committed. The feed serves only rows with {@code updatedAt} older than
 * {@code itsm.feed.safety-lag} (30 s, longer than the timeout plus clock skew between instances):
 * every such row has committed — or never will — so a cursor that moved past it cannot skip a
 * row that commits afterwards. The price is that a change shows up in the feed {@code safety-lag}
 * after it was made (the collection's own list shows it at once).
 */
@ApplicationScoped
public class ChangesFeed {

    /** What a feed request asks for: rows updated at or after {@code since}, and before {@code horizon}. */
    public record Window(Instant since, Instant horizon) {
    }

    private final Clock clock;
    private final Duration safetyLag;

    ChangesFeed(Clock clock, ItsmConfig config) {
        this.clock = clock;
        this.safetyLag = config.feed().safetyLag();
    }

    /**
     * The window of a request with {@code ?updatedSince=} (ISO-8601 instant, 400 otherwise), or {@code null}
     * when the request is not a feed request.
     */
    public Window window(String updatedSince) {
        Instant since = QueryParams.instant("updatedSince", updatedSince);
        return since == null ? null : new Window(since, clock.instant().minus(safetyLag));
    }

    /**
     * {@code updatedAt >= :feedSince and updatedAt < :feedHorizon} for {@code updatedAt} (the column's
     * query expression), with the parameters put into {@code params}.
     */
    public static String where(Window window, String updatedAt, Map<String, Object> params) {
        params.put("feedSince", window.since());
        params.put("feedHorizon", window.horizon());
        return updatedAt + " >= :feedSince and " + updatedAt + " < :feedHorizon";
    }

    /**
     * A feed page from rows fetched with {@code setMaxResults(request.size() + 1)} in {@code keys}'
     * order ({@code (updatedAt, id)} ascending). Unlike a list, a feed page has a {@code next} whenever
     * it served a row, also the last one: the client keeps it and polls with it later. An empty page
     * hands back the cursor it was asked with: nothing new yet.
     */
    public static <T> Page<T> page(Keyset<T> keys, List<T> rows, PageRequest request, Count count) {
        Page<T> page = keys.page(rows, request, count);
        if (page.next() != null) {
            return page;
        }
        String next = page.items().isEmpty() ? request.cursor()
                : keys.cursorAfter(page.items().get(page.items().size() - 1)).encode();
        return new Page<>(page.items(), page.page(), page.size(), page.total(), page.totalExact(), next);
    }
}
