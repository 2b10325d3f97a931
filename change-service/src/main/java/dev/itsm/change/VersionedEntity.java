package dev.itsm.change;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

/** What every entity of this service has: an id, when it was created and last changed, and an optimistic-lock version. */
@MappedSuperclass
public abstract class VersionedEntity extends PanacheEntityBase {

    @Id
    private UUID id;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected VersionedEntity() {
    }

    protected VersionedEntity(UUID id, Instant now) {
        this.id = id;
        this.createdAt = now;
        this.updatedAt = now;
    }

    protected void touch(Instant now) {
        this.updatedAt = now;
    }

    /** {@code ids} without duplicates, in first-seen order; null is empty. */
    protected static List<UUID> distinct(List<UUID> ids) {
        return ids == null ? List.of() : List.copyOf(new LinkedHashSet<>(ids));
    }

    public UUID id() { return id; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }
}
