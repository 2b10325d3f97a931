package dev.itsm.change;

import dev.itsm.platform.http.Sort;

/** The platform's validated {@code ?sort=} as a Panache sort, with the id last so pages are stable. */
public final class PanacheSorts {

    private PanacheSorts() {
    }

    public static io.quarkus.panache.common.Sort of(Sort sort) {
        io.quarkus.panache.common.Sort out = null;
        for (Sort.Order o : sort.orders()) {
            // Panache's Sort shares the platform Sort's simple name, hence the qualified name here
            var dir = o.descending() ? io.quarkus.panache.common.Sort.Direction.Descending
                    : io.quarkus.panache.common.Sort.Direction.Ascending;
            out = out == null ? io.quarkus.panache.common.Sort.by(o.column(), dir) : out.and(o.column(), dir);
        }
        return out == null ? io.quarkus.panache.common.Sort.by("id") : out.and("id");
    }
}
