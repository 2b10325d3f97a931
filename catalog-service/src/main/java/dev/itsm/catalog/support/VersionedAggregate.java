package dev.itsm.catalog.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

/**
 * What every edited catalogue aggregate (service, product, offering, CI) carries: its id, when it was
 * created and last changed, and the optimistic-locking version that is also its ETag. The aggregate
 * sets them only through {@link #begin} and {@link #touch}: every write of a row passes {@link #touch},
 * which the changes feed ({@code updatedSince}) relies on.
 */
@MappedSuperclass
public abstract class VersionedAggregate extends PanacheEntityBase {

    @Id
    private UUID id;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    /**
     * The full-text document {@code q=} searches (a generated column, GIN-indexed: V2__catalog_read_path.sql).
     * Named in queries only: lazy, so never loaded, and never written.
     */
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "search_document", insertable = false, updatable = false, columnDefinition = "tsvector")
    private String searchDocument;

    protected VersionedAggregate() {
    }

    /** A new aggregate with this id, created (and last changed) now. */
    protected final void begin(UUID id, Instant now) {
        this.id = id;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The aggregate changed now. */
    protected final void touch(Instant now) {
        this.updatedAt = now;
    }

    /** Makes {@code ids} hold exactly {@code wanted}; an unchanged set is left alone, so Hibernate rewrites nothing. */
    protected static void replaceIds(Set<UUID> ids, Collection<UUID> wanted) {
        Set<UUID> target = new LinkedHashSet<>(wanted == null ? List.of() : wanted);
        if (!target.equals(ids)) {
            ids.retainAll(target);
            ids.addAll(target);
        }
    }

    /** The ids {@link #replaceIds} would keep (no duplicates, null is none), sorted: to compare with the stored ones. */
    protected static List<UUID> sortedDistinct(Collection<UUID> ids) {
        return sorted(ids == null ? List.of() : new LinkedHashSet<>(ids));
    }

    /** A sorted copy, for stable output. */
    protected static List<UUID> sorted(Collection<UUID> ids) {
        List<UUID> list = new ArrayList<>(ids);
        list.sort(null);
        return list;
    }

    public UUID id() {
        return id;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
