package dev.itsm.sla.agreement;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.platform.problem.IllegalTransitionException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** An agreement's current revision; every revision is kept in {@link AgreementRevision}. */
@Entity
@Table(name = "sla_agreement")
public class Agreement extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(nullable = false)
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AgreementType type;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AgreementStatus status;
    @Column(nullable = false)
    public int revision;
    @Column(name = "calendar_id", nullable = false)
    public UUID calendarId;
    @Column(nullable = false)
    public String definition;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Version
    public long version;

    public void retire(Instant now) {
        if (status != AgreementStatus.ACTIVE) {
            throw new IllegalTransitionException("agreement", status, "retire", List.of("activate"));
        }
        status = AgreementStatus.RETIRED;
        updatedAt = now;
    }

    public void activate(Instant now) {
        if (status != AgreementStatus.RETIRED) {
            throw new IllegalTransitionException("agreement", status, "activate", List.of("retire"));
        }
        status = AgreementStatus.ACTIVE;
        updatedAt = now;
    }
}
