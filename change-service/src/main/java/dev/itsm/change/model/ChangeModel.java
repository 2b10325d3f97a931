package dev.itsm.change.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.change.JsonColumns;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A change model: the pre-authorised template a STANDARD change instantiates. Its plans pre-fill
 * the change; when {@code allowedServiceIds}/{@code allowedCiIds} are not empty, a standard change
 * may only touch those.
 */
@Entity
@Table(name = "change_model")
public class ChangeModel extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    public String description;
    @Column(name = "implementation_plan")
    public String implementationPlan;
    @Column(name = "backout_plan")
    public String backoutPlan;
    @Column(name = "test_plan")
    public String testPlan;
    @Convert(converter = JsonColumns.UuidList.class)
    @Column(name = "allowed_service_ids")
    public List<UUID> allowedServiceIds = List.of();
    @Convert(converter = JsonColumns.UuidList.class)
    @Column(name = "allowed_ci_ids")
    public List<UUID> allowedCiIds = List.of();
    public boolean active;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    /** Ids of {@code serviceIds}/{@code ciIds} this model does not allow. */
    public List<UUID> disallowed(List<UUID> serviceIds, List<UUID> ciIds) {
        List<UUID> bad = new java.util.ArrayList<>();
        if (!allowedServiceIds.isEmpty()) {
            serviceIds.stream().filter(s -> !allowedServiceIds.contains(s)).forEach(bad::add);
        }
        if (!allowedCiIds.isEmpty()) {
            ciIds.stream().filter(c -> !allowedCiIds.contains(c)).forEach(bad::add);
        }
        return bad;
    }
}
