package dev.itsm.change.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.itsm.change.JsonColumns;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A period in which no change may be implemented: global (no services) or for the listed services. */
@Entity
@Table(name = "blackout_window")
public class BlackoutWindow extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    public String reason;
    @Column(name = "starts_at")
    public Instant startsAt;
    @Column(name = "ends_at")
    public Instant endsAt;
    @Convert(converter = JsonColumns.UuidList.class)
    @Column(name = "service_ids")
    public List<UUID> serviceIds = List.of();
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    public Blackout toRule() {
        return new Blackout(id, name, startsAt, endsAt, Set.copyOf(serviceIds));
    }
}
