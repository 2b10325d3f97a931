package dev.itsm.webhook.intake;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import dev.itsm.webhook.subscription.Subscription;
import dev.itsm.webhook.subscription.SubscriptionState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * The subscriptions that may receive deliveries (ACTIVE and PAUSED), loaded once per intake transaction — the
 * consumer handles a whole poll (up to 200 events) in one — instead of once per event.
 * <p>
 * Correctness: "a subscription that committed before the event committed gets the event". The snapshot first takes
 * {@code SHARE} lock on {@code subscription}: subscription writes that are under way are waited for (then seen by
 * the load), and writes that start later wait until the intake transaction commits — so they commit after every
 * event of the batch and owe it nothing. The lock is held for one batch transaction (milliseconds); it conflicts
 * only with writes to {@code subscription}, not with reads or with delivery work.
 */
@ApplicationScoped
public class SubscriptionSnapshot {

    private static final Object KEY = SubscriptionSnapshot.class;

    private final TransactionSynchronizationRegistry registry;
    private final DataSource dataSource;
    private final EntityManager em;

    SubscriptionSnapshot(TransactionSynchronizationRegistry registry, DataSource dataSource, EntityManager em) {
        this.registry = registry;
        this.dataSource = dataSource;
        this.em = em;
    }

    /** The subscriptions of the current transaction (detached entities: read them, never change them). */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public List<Subscription> current() {
        List<Subscription> loaded = (List<Subscription>) registry.getResource(KEY);
        if (loaded == null) {
            lockSubscriptionWrites();
            loaded = em.createQuery("from Subscription where state <> :disabled order by id", Subscription.class)
                    .setParameter("disabled", SubscriptionState.DISABLED)
                    .setHint("org.hibernate.readOnly", true)
                    .getResultList();
            registry.putResource(KEY, List.copyOf(loaded));
        }
        return loaded;
    }

    private void lockSubscriptionWrites() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("lock table subscription in share mode");
        } catch (SQLException e) {
            throw new IllegalStateException("could not lock subscription", e);
        }
    }
}
