package dev.itsm.platform.events;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

/**
 * Ends one event's unit of work inside a batch transaction, so that each handler call sees what it
 * would in a transaction of its own: the Hibernate session (when the service has one) is flushed,
 * so the next event's plain SQL sees this one's changes and a failing write is blamed on the event
 * that made it, and then cleared, so the next event loads rows afresh instead of from a session
 * that a native update may have made stale. A transaction some handler marked rollback-only fails
 * here too, on the event that did it, rather than at commit where no single event is to blame.
 */
@ApplicationScoped
class EventBoundary {

    private final Instance<EntityManager> entityManagers;
    private final TransactionManager transactions;
    /** Resolved on first use: the transaction-scoped proxy, or empty without a persistence unit. */
    private volatile Optional<EntityManager> entityManager;

    EventBoundary(Instance<EntityManager> entityManagers, TransactionManager transactions) {
        this.entityManagers = entityManagers;
        this.transactions = transactions;
    }

    /** Called after the handlers of {@code event} returned, in the batch transaction. */
    void close(InboundEvent event) {
        if (rollbackOnly()) {
            throw new IllegalStateException("the handlers of " + event.name() + " " + event.id()
                    + " marked the transaction for rollback");
        }
        EntityManager em = entityManager();
        if (em != null) {
            em.flush();
            em.clear();
        }
    }

    private boolean rollbackOnly() {
        try {
            return transactions.getStatus() == Status.STATUS_MARKED_ROLLBACK;
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The transaction's EntityManager; null in a service without JPA entities (no persistence unit). */
    private EntityManager entityManager() {
        Optional<EntityManager> em = entityManager;
        if (em == null) {
            try {
                em = entityManagers.isResolvable() ? Optional.of(entityManagers.get()) : Optional.empty();
            } catch (RuntimeException e) {
                em = Optional.empty(); // a persistence unit that is not active
            }
            entityManager = em;
        }
        return em.orElse(null);
    }
}
