package dev.itsm.change.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.itsm.change.VersionedEntity;
import dev.itsm.change.events.ChangeWindowChanged;
import dev.itsm.change.events.ChangeWindowChanged.WindowKind;
import dev.itsm.change.events.EditOperation;
import dev.itsm.platform.problem.ValidationException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A period in which no change may be implemented: global (no services) or for the listed services. */
@Entity
@Table(name = "blackout_window")
public class BlackoutWindow extends VersionedEntity implements EditableWindow<WindowRequests.Blackout, WindowRequests.BlackoutView> {

    private String name;
    private String reason;
    @Column(name = "starts_at")
    private Instant startsAt;
    @Column(name = "ends_at")
    private Instant endsAt;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "service_ids", columnDefinition = "jsonb")
    private List<UUID> serviceIds = List.of();

    protected BlackoutWindow() {
    }

    private BlackoutWindow(UUID id, Instant now) {
        super(id, now);
    }

    public static BlackoutWindow create(UUID id, WindowRequests.Blackout r, Instant now) {
        BlackoutWindow b = new BlackoutWindow(id, now);
        b.replace(r, now);
        return b;
    }

    @Override
    public void replace(WindowRequests.Blackout r, Instant now) {
        if (!r.endsAt().isAfter(r.startsAt())) {
            throw new ValidationException("endsAt", "must be after startsAt");
        }
        name = r.name().strip();
        reason = r.reason();
        startsAt = r.startsAt();
        endsAt = r.endsAt();
        serviceIds = distinct(r.serviceIds());
        touch(now);
    }

    @Override
    public WindowRequests.Blackout editable() {
        return new WindowRequests.Blackout(name, reason, startsAt, endsAt, serviceIds);
    }

    @Override
    public List<UUID> serviceIdsOf(WindowRequests.Blackout request) {
        return request.serviceIds() == null ? List.of() : request.serviceIds();
    }

    @Override
    public WindowRequests.BlackoutView view() {
        return new WindowRequests.BlackoutView(id(), name, reason, startsAt, endsAt, serviceIds, isGlobal(), createdAt(), updatedAt(),
                version());
    }

    @Override
    public ChangeWindowChanged changed(EditOperation operation, Instant now) {
        return new ChangeWindowChanged(id().toString(), WindowKind.BLACKOUT, operation, name, reason, startsAt, endsAt, serviceIds,
                isGlobal(), null, null, null, null, null, createdAt(), updatedAt(), version(), now);
    }

    /** No services named: applies to every service. */
    public boolean isGlobal() {
        return serviceIds.isEmpty();
    }

    public boolean appliesTo(UUID serviceId) {
        return isGlobal() || serviceIds.contains(serviceId);
    }

    public Blackout toRule() {
        return new Blackout(id(), name, startsAt, endsAt, Set.copyOf(serviceIds));
    }

    public String name() { return name; }
    public Instant startsAt() { return startsAt; }
    public Instant endsAt() { return endsAt; }
    public List<UUID> serviceIds() { return serviceIds; }
}
