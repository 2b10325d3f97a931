package dev.itsm.catalog.portfolio;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** ITIL 4 warranty — how well the service performs (fit for use): availability, capacity, security, continuity. */
@Embeddable
public class Warranty {

    @Column(name = "availability_target", precision = 6, scale = 3)
    private BigDecimal availabilityTarget;

    @Column(name = "capacity_note")
    private String capacityNote;

    @Enumerated(EnumType.STRING)
    @Column(name = "security_classification")
    private SecurityClassification securityClassification;

    @Column(name = "support_hours")
    private String supportHours;

    protected Warranty() {
    }

    public Warranty(BigDecimal availabilityTarget, String capacityNote, SecurityClassification securityClassification,
            String supportHours) {
        this.availabilityTarget = availabilityTarget;
        this.capacityNote = capacityNote;
        this.securityClassification = securityClassification;
        this.supportHours = supportHours;
    }

    public BigDecimal availabilityTarget() {
        return availabilityTarget;
    }

    public String capacityNote() {
        return capacityNote;
    }

    public SecurityClassification securityClassification() {
        return securityClassification;
    }

    public String supportHours() {
        return supportHours;
    }
}
