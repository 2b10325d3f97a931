package dev.itsm.change.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.itsm.change.Plans;
import dev.itsm.change.VersionedEntity;
import dev.itsm.change.events.ChangeModelChanged;
import dev.itsm.change.events.EditOperation;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A change model: the pre-authorised template a STANDARD change instantiates. Its plans pre-fill
 * the change; when {@code allowedServiceIds}/{@code allowedCiIds} are not empty, a standard change
 * may only touch those.
 */
@Entity
@Table(name = "change_model")
public class ChangeModel extends VersionedEntity {

    private String name;
    private String description;
    @Embedded
    private Plans plans;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "allowed_service_ids", columnDefinition = "jsonb")
    private List<UUID> allowedServiceIds = List.of();
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "allowed_ci_ids", columnDefinition = "jsonb")
    private List<UUID> allowedCiIds = List.of();
    private boolean active;

    protected ChangeModel() {
    }

    private ChangeModel(UUID id, Instant now) {
        super(id, now);
    }

    public static ChangeModel create(UUID id, ChangeModelRequest r, Instant now) {
        ChangeModel m = new ChangeModel(id, now);
        m.replace(r, now);
        return m;
    }

    /** Replaces every editable field (PUT, and PATCH after the merge). */
    public void replace(ChangeModelRequest r, Instant now) {
        name = r.name().strip();
        description = r.description();
        plans = new Plans(r.implementationPlan(), r.backoutPlan(), r.testPlan());
        allowedServiceIds = distinct(r.allowedServiceIds());
        allowedCiIds = distinct(r.allowedCiIds());
        active = r.active() == null || r.active();
        touch(now);
    }

    /** Ids of {@code serviceIds}/{@code ciIds} this model does not allow. */
    public List<UUID> disallowed(List<UUID> serviceIds, List<UUID> ciIds) {
        List<UUID> bad = new ArrayList<>();
        if (!allowedServiceIds.isEmpty()) {
            serviceIds.stream().filter(s -> !allowedServiceIds.contains(s)).forEach(bad::add);
        }
        if (!allowedCiIds.isEmpty()) {
            ciIds.stream().filter(c -> !allowedCiIds.contains(c)).forEach(bad::add);
        }
        return bad;
    }

    /** The editable fields as they are now (what a PATCH merges into). */
    public ChangeModelRequest editable() {
        return new ChangeModelRequest(name, description, plans().implementation(), plans().backout(), plans().test(),
                allowedServiceIds, allowedCiIds, active);
    }

    /** The event announcing {@code operation} with the model's full definition as it is now. */
    public ChangeModelChanged changed(EditOperation operation, Instant now) {
        return new ChangeModelChanged(id().toString(), operation, name, description, plans().implementation(), plans().backout(),
                plans().test(), allowedServiceIds, allowedCiIds, active, createdAt(), updatedAt(), version(), now);
    }

    public String name() { return name; }
    public String description() { return description; }
    /** The plans a STANDARD change of this model starts with. */
    public Plans plans() { return Plans.orNone(plans); }
    public List<UUID> allowedServiceIds() { return allowedServiceIds; }
    public List<UUID> allowedCiIds() { return allowedCiIds; }
    public boolean active() { return active; }
}
