package dev.itsm.catalog.consumer;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Which ACTIVE service relationships name a person as their sponsor: such a person keeps the SPONSOR role. */
@ApplicationScoped
public class Sponsorships {

    private final EntityManager em;

    Sponsorships(EntityManager em) {
        this.em = em;
    }

    /** 409 sponsor-in-use when {@code subject} sponsors an ACTIVE relationship of the organisation. */
    public void requireNone(UUID organisationId, String subject, String what) {
        List<UUID> ids = em.createQuery("select r.id from ServiceRelationship r where r.organisationId = :org and r.sponsor = :subject "
                + "and r.state = :active order by r.id", UUID.class)
                .setParameter("org", organisationId).setParameter("subject", subject)
                .setParameter("active", RelationshipState.ACTIVE).getResultList();
        if (!ids.isEmpty()) {
            throw ConsumerOrganisationService.sponsorInUse(organisationId, subject, what, ids);
        }
    }
}
