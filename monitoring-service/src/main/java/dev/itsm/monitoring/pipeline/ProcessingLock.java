package dev.itsm.monitoring.pipeline;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The one lock every change of alerts and groups takes first (a transaction-scoped PostgreSQL advisory lock): the
 * processor's batches, the jobs and the commands run one at a time across all instances, so correlation sees every
 * group the previous batch opened and counts never race.
 */
@ApplicationScoped
public class ProcessingLock {

    /** "MON" + 1: distinct from the outbox relay's lock. */
    static final long KEY = 0x4d4f4e01L;

    @Inject
    EntityManager em;

    /** Waits for the lock; it is released when the caller's transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void acquire() {
        em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, KEY).getSingleResult();
    }
}
