package dev.itsm.sla.agreement;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.itsm.platform.problem.IllegalTransitionException;
import dev.itsm.sla.timer.RecordKind;
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
    private UUID id;
    @Column(nullable = false)
    private String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AgreementType type;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AgreementStatus status;
    @Column(nullable = false)
    private int revision;
    @Column(name = "calendar_id", nullable = false)
    private UUID calendarId;
    /** Which records it times (the definition's recordKind, as a column for the list filter). */
    @Enumerated(EnumType.STRING)
    @Column(name = "record_kind", nullable = false)
    private RecordKind recordKind;
    /** The current revision's definition. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    private AgreementDefinition definition;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected Agreement() {
        // for JPA
    }

    /** A new active agreement; its first revision is returned by {@link #revise}. */
    /** An ACTIVE agreement's id and current revision: what starting clocks needs (the terms are in the revision cache). */
    public record ActiveRevision(UUID id, int revision) {
    }

    /**
     * Every ACTIVE agreement's id and revision. Runs for every incident and request seen first, so it loads no
     * entity: an entity would parse its jsonb definition, and copy it (JSON out and back) for dirty checking.
     */
    public static List<ActiveRevision> activeRevisions() {
        return getEntityManager()
                .createQuery("select a.id, a.revision from Agreement a where a.status = :status", Object[].class)
                .setParameter("status", AgreementStatus.ACTIVE).getResultList().stream()
                .map(row -> new ActiveRevision((UUID) row[0], (Integer) row[1])).toList();
    }

    public static Agreement create(UUID id, Instant now) {
        Agreement a = new Agreement();
        a.id = id;
        a.status = AgreementStatus.ACTIVE;
        a.revision = 0;
        a.createdAt = now;
        return a;
    }

    /** The definition becomes the next revision (the current one for new timers); returns the revision to keep. */
    public AgreementRevision revise(AgreementDefinition d, Instant now) {
        revision++;
        name = d.name();
        type = d.type();
        calendarId = d.calendarId();
        recordKind = d.kind();
        definition = d;
        updatedAt = now;
        return new AgreementRevision(id, revision, d, now);
    }

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

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public AgreementType type() {
        return type;
    }

    public RecordKind recordKind() {
        return recordKind;
    }

    public AgreementStatus status() {
        return status;
    }

    public int revision() {
        return revision;
    }

    public AgreementDefinition definition() {
        return definition;
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
