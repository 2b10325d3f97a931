package dev.itsm.request.catalog;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Who is CUSTOMER of which consumer organisation, from the catalogue replica: a customer sees and acts on the
 * requests of their organisation. The organisation's state does not matter (a deactivated organisation's customers
 * still follow its open requests). Both questions are one indexed jsonb containment query
 * ({@code catalog_organisation_people}); the same predicate can filter a requester's list in SQL:
 * {@code organisation_id in (select id from catalog_organisation where people @> cast(:who as jsonb))} with
 * {@link #customerFilter(String)} as {@code :who}.
 */
@ApplicationScoped
public class Organisations {

    /** True when {@code subject} is a CUSTOMER of the organisation (whatever its state). */
    public boolean isCustomer(String subject, UUID organisationId) {
        if (subject == null || organisationId == null) {
            return false;
        }
        Number n = (Number) Panache.getEntityManager().createNativeQuery(
                "select count(*) from catalog_organisation where id = ?1 and people @> cast(?2 as jsonb)")
                .setParameter(1, organisationId)
                .setParameter(2, customerFilter(subject))
                .getSingleResult();
        return n.longValue() > 0;
    }

    /** The organisations where {@code subject} is a CUSTOMER (whatever their state), in id order. */
    @SuppressWarnings("unchecked")
    public List<UUID> organisationsWhereCustomer(String subject) {
        if (subject == null) {
            return List.of();
        }
        return Panache.getEntityManager().createNativeQuery(
                "select id from catalog_organisation where people @> cast(?1 as jsonb) order by id", UUID.class)
                .setParameter(1, customerFilter(subject))
                .getResultList();
    }

    /** The jsonb that {@code people @> …} matches for a CUSTOMER with this subject. */
    public static String customerFilter(String subject) {
        return "[{\"subject\":" + jsonString(subject) + ",\"roles\":[\"CUSTOMER\"]}]";
    }

    private static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
