package dev.itsm.sla.agreement;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.util.Objects;

/** One immutable revision of an agreement; open timers keep using the revision they started under. */
@Entity
@Table(name = "sla_agreement_revision")
@IdClass(AgreementRevision.Key.class)
public class AgreementRevision extends PanacheEntityBase {

    /** Composite id: (agreementId, revision). */
    public static class Key implements Serializable {
        public UUID agreementId;
        public int revision;

        public Key() {
        }

        public Key(UUID agreementId, int revision) {
            this.agreementId = agreementId;
            this.revision = revision;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.revision == revision && Objects.equals(k.agreementId, agreementId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(agreementId, revision);
        }
    }

    @Id
    @Column(name = "agreement_id")
    private UUID agreementId;
    @Id
    private int revision;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    private AgreementDefinition definition;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected AgreementRevision() {
        // for JPA
    }

    AgreementRevision(UUID agreementId, int revision, AgreementDefinition definition, Instant createdAt) {
        this.agreementId = agreementId;
        this.revision = revision;
        this.definition = definition;
        this.createdAt = createdAt;
    }

    public AgreementDefinition definition() {
        return definition;
    }
}
