package dev.itsm.platform.events;

import java.net.URI;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import dev.itsm.platform.ItsmConfig;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.postgresql.Driver;

/**
 * Publishes committed outbox rows to Kafka as CloudEvents (binary mode), oldest first, and marks
 * them published.
 * <ul>
 * <li>Low latency: a statement trigger on {@code outbox_event} sends {@code NOTIFY itsm_outbox} at
 * commit; the relay {@code LISTEN}s on its own connection and wakes at once. A poll every
 * {@code itsm.outbox.poll-interval} is the fallback.</li>
 * <li>Two instances are safe: only the holder of a PostgreSQL session advisory lock relays; if it
 * dies its connection closes, the lock is released and another instance takes over. One relay per
 * database keeps the per-aggregate order (ids are assigned in commit-serialised order per
 * aggregate, because writers of one aggregate serialise on its row version).</li>
 * <li>Kafka outage: sends fail, rows stay pending, the relay backs off (doubling up to
 * {@code max-backoff}), recreates its producer and tries again; the thread never dies. A row whose
 * earlier row of the same key failed is not marked, so nothing is reordered per key.</li>
 * <li>A row that can never be published (larger than {@code max.request.size}, refused by the broker
 * as invalid, not serialisable; see {@link PermanentPublishFailures}) is <em>parked</em>:
 * {@code failed_at} and {@code failure} are set and it is skipped from then on, so it never blocks
 * other aggregates. Later rows of the same aggregate are parked behind it rather than published
 * ahead of it, because consumers rely on one aggregate's events arriving in order. An operator lists
 * and re-drives parked rows through {@code dev.itsm.platform.admin.AdminResource}.</li>
 * </ul>
 * Once per event: after taking over (the previous holder may have died between Kafka's acknowledgement
 * and marking its batch) and after a failed round (a send may have landed although its acknowledgement
 * was lost), the relay first reads the tail of its topics ({@link PublishedTail}) and marks the pending
 * rows already there instead of sending them again. Consumers still deduplicate on {@code ce_id}, for
 * what no relay can see (a broker that acknowledges a send it loses later).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String CHANNEL = "itsm_outbox";
    /** Advisory lock id for "the outbox relay of this database". */
    private static final long LEADER_LOCK = 0x1757_0ca1_0001L;

    /** Pending rows, skipping every row of an aggregate that has an earlier parked row (its order is kept). */
    private static final String SELECT_PENDING = """
            select id, event_id, topic, source, event_type, aggregate_id, occurred_at, payload, traceparent, tracestate
            from outbox_event o
            where published_at is null and failed_at is null
              and not exists (select 1 from outbox_event p
                              where p.failed_at is not null and p.published_at is null
                                and p.topic = o.topic and p.aggregate_id = o.aggregate_id and p.id < o.id)
            order by id limit ?""";

    /**
     * Later rows of an aggregate with a parked row are parked behind it too, so an operator sees them
     * (and the parked count) and re-drives them together; they are never published before it.
     */
    private static final String PARK_BEHIND = """
            update outbox_event o
            set failed_at = now(),
                failure = 'waits behind parked outbox row ' || (select min(p.id) from outbox_event p
                              where p.failed_at is not null and p.published_at is null
                                and p.topic = o.topic and p.aggregate_id = o.aggregate_id and p.id < o.id)
            where o.published_at is null and o.failed_at is null
              and exists (select 1 from outbox_event p
                          where p.failed_at is not null and p.published_at is null
                            and p.topic = o.topic and p.aggregate_id = o.aggregate_id and p.id < o.id)""";

    /** Whether any row is parked (served by the partial index {@code outbox_event_parked}). */
    private static final String ANY_PARKED = """
            select exists (select 1 from outbox_event where failed_at is not null and published_at is null)""";

    private static final String PARK = """
            update outbox_event set failed_at = now(), failure = ? where id = ? and published_at is null""";

    private final ItsmConfig.OutboxSettings settings;
    private final ItsmConfig config;
    private final String bootstrapServers;
    private final KafkaClientSettings kafka;
    private final String jdbcUrl;
    private final String dbUser;
    private final String dbPassword;

    private final AtomicLong publishedTotal = new AtomicLong();
    private final AtomicLong parkedTotal = new AtomicLong();
    private volatile boolean running;
    private volatile boolean leader;
    /** Set on taking over and after a failed round: check the topics before sending pending rows again. */
    private boolean reconcile = true;
    /**
     * False only when this leader knows no row is parked, so rows cannot wait behind one and the
     * "park behind" update (a probe per pending row, every round) is skipped. Only the leader parks
     * rows; re-driving only removes parked rows, so a stale true costs one extra round, never order.
     */
    private boolean mayHaveParkedRows = true;
    private volatile String lastError;
    private Thread thread;
    private Connection connection;
    private KafkaProducer<String, CloudEvent> producer;

    OutboxRelay(ItsmConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "postgres") String dbUser,
            @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "") String dbPassword,
            KafkaClientSettings kafka) {
        this.config = config;
        this.kafka = kafka;
        this.settings = config.outbox();
        this.bootstrapServers = bootstrapServers;
        this.jdbcUrl = jdbcUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
    }

    void onStart(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            LOG.info("Outbox relay disabled (itsm.outbox.enabled=false)");
            return;
        }
        running = true;
        thread = new Thread(this::run, "itsm-outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeProducer();
        closeConnection();
    }

    /** True while this instance holds the relay lock. */
    public boolean isLeader() {
        return leader;
    }

    /** Rows this instance has published since start. */
    public long publishedTotal() {
        return publishedTotal.get();
    }

    /** Rows this instance has parked since start (the parked rows in the table are in the metrics). */
    public long parkedTotal() {
        return parkedTotal.get();
    }

    /** The last failure, or null after a successful round. */
    public String lastError() {
        return lastError;
    }

    private void run() {
        long backoff = settings.minBackoff().toMillis();
        boolean outage = false;
        while (running) {
            try {
                ensureConnection();
                if (!leader) {
                    leader = tryLeaderLock();
                    if (!leader) {
                        waitForWakeUp();
                        continue;
                    }
                    LOG.infof("Outbox relay is active for this database (publishing to %s)", bootstrapServers);
                    reconcile = true;
                    mayHaveParkedRows = true; // the previous holder may have parked rows
                }
                if (reconcile) {
                    markAlreadyOnTheTopics();
                    reconcile = false;
                }
                int published = publishBatch();
                if (outage) {
                    LOG.info("Outbox relay recovered: publishing again");
                    outage = false;
                }
                lastError = null;
                backoff = settings.minBackoff().toMillis();
                if (published < settings.batchSize()) {
                    waitForWakeUp();
                }
            } catch (SQLException e) {
                lastError = "database: " + e.getMessage();
                LOG.warnf("Outbox relay lost its database connection (%s); retrying in %d ms", e.getMessage(), backoff);
                closeConnection();
                backoff = pause(backoff);
            } catch (PublishFailed e) {
                lastError = "kafka: " + e.getMessage();
                if (!outage) {
                    LOG.warnf("Outbox relay cannot publish to Kafka (%s); events stay in the outbox and are retried", e.getMessage());
                    outage = true;
                }
                closeProducer();
                reconcile = true;
                backoff = pause(backoff);
            } catch (RuntimeException e) {
                lastError = e.toString();
                LOG.error("Outbox relay round failed; retrying", e);
                closeProducer();
                backoff = pause(backoff);
            }
        }
    }

    private long pause(long backoff) {
        try {
            Thread.sleep(backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Math.min(backoff * 2, settings.maxBackoff().toMillis());
    }

    private void ensureConnection() throws SQLException {
        if (connection != null && !connection.isClosed()) {
            return;
        }
        leader = false;
        Properties props = new Properties();
        props.setProperty("user", dbUser);
        props.setProperty("password", dbPassword);
        props.setProperty("ApplicationName", "itsm-outbox-relay");
        props.setProperty("tcpKeepAlive", "true");
        // The driver directly, not DriverManager: Quarkus' class loader hides the driver from it.
        connection = new Driver().connect(jdbcUrl, props);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            st.execute("LISTEN " + CHANNEL);
        }
    }

    private boolean tryLeaderLock() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, LEADER_LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Blocks until a NOTIFY arrives or the poll interval passes. */
    private void waitForWakeUp() throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        pg.getNotifications((int) Math.max(1, settings.pollInterval().toMillis()));
    }

    private record Pending(long id, String topic, String key, CloudEvent event, String traceparent,
            String tracestate) {

        /** Rows of one aggregate share this; their order must be kept. */
        String keyOf() {
            return topic + '/' + key;
        }

        ProducerRecord<String, CloudEvent> toRecord() {
            ProducerRecord<String, CloudEvent> record = new ProducerRecord<>(topic, key, event);
            if (traceparent != null) {
                record.headers().add(TraceContext.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
            }
            if (tracestate != null) {
                record.headers().add(TraceContext.TRACESTATE, tracestate.getBytes(StandardCharsets.UTF_8));
            }
            return record;
        }
    }

    /**
     * Publishes up to one batch; returns how many rows were handled (published or parked). A row that
     * can never be published is parked with its error and the others go on; a broker or network
     * failure leaves the rows pending and is thrown, so the relay backs off and tries again.
     */
    private int publishBatch() throws SQLException {
        if (mayHaveParkedRows) {
            parkBehindParkedRows();
            mayHaveParkedRows = anyParked();
        }
        List<Pending> batch = loadPending();
        if (batch.isEmpty()) {
            return 0;
        }
        KafkaProducer<String, CloudEvent> kafka = producer();
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        Set<String> failedKeys = new HashSet<>();
        Map<Long, Throwable> unpublishable = new LinkedHashMap<>();
        RuntimeException sendFailure = null;
        for (Pending p : batch) {
            if (failedKeys.contains(p.keyOf())) {
                sends.add(null); // an earlier row of this aggregate cannot go: do not overtake it
                continue;
            }
            try {
                Future<RecordMetadata> send = kafka.send(p.toRecord());
                sends.add(send);
                Throwable refused = refusedAtOnce(send);
                if (refused != null && PermanentPublishFailures.isPermanent(refused)) {
                    // the producer refused it before sending (e.g. over max.request.size): the later rows
                    // of this aggregate must not go out ahead of it
                    unpublishable.put(p.id(), refused);
                    failedKeys.add(p.keyOf());
                }
            } catch (RuntimeException e) {
                if (PermanentPublishFailures.isPermanent(e)) {
                    // e.g. the serializer refused it: this row, and only this row, can never go
                    unpublishable.put(p.id(), e);
                    failedKeys.add(p.keyOf());
                    sends.add(null);
                    continue;
                }
                // e.g. no metadata within max.block.ms: the broker is unreachable; stop this round.
                sendFailure = e;
                break;
            }
        }
        kafka.flush();

        List<Long> done = new ArrayList<>();
        Set<String> blocked = new HashSet<>(); // aggregates with a row not published in this round
        Throwable firstError = sendFailure;
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            boolean ok = false;
            Future<RecordMetadata> send = i < sends.size() ? sends.get(i) : null;
            if (send != null && !unpublishable.containsKey(p.id())) {
                try {
                    send.get();
                    ok = true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    if (!PermanentPublishFailures.isPermanent(cause)) {
                        firstError = firstError == null ? cause : firstError;
                    } else if (!blocked.contains(p.keyOf())) {
                        unpublishable.put(p.id(), cause); // the broker refused it: park it
                    } // else: behind an earlier unpublished row of its aggregate; parked behind it next round
                }
            }
            if (ok && !blocked.contains(p.keyOf())) {
                done.add(p.id());
            } else {
                blocked.add(p.keyOf());
            }
        }
        markPublished(done);
        publishedTotal.addAndGet(done.size());
        park(unpublishable);
        if (firstError != null) {
            throw new PublishFailed(firstError.toString());
        }
        return done.size() + unpublishable.size();
    }

    /** The failure of a send the producer completed at once (it checks size and serialises before queueing), else null. */
    private static Throwable refusedAtOnce(Future<RecordMetadata> send) {
        if (!send.isDone()) {
            return null;
        }
        try {
            send.get();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }

    private void parkBehindParkedRows() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(PARK_BEHIND)) {
            int held = ps.executeUpdate();
            if (held > 0) {
                LOG.warnf("Outbox relay parked %d row(s) behind an earlier parked row of the same aggregate", held);
            }
        }
    }

    private boolean anyParked() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(ANY_PARKED); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private void park(Map<Long, Throwable> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        mayHaveParkedRows = true; // before the update: if it fails, the next round still checks
        try (PreparedStatement ps = connection.prepareStatement(PARK)) {
            for (Map.Entry<Long, Throwable> row : rows.entrySet()) {
                LOG.errorf("Outbox row %d can never be published and is parked (list and re-drive it through the admin API): %s",
                        row.getKey(), row.getValue());
                ps.setString(1, row.getValue().toString());
                ps.setLong(2, row.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        parkedTotal.addAndGet(rows.size());
    }

    private List<Pending> loadPending() throws SQLException {
        List<Pending> batch = new ArrayList<>();
        Map<Long, Throwable> malformed = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(SELECT_PENDING)) {
            ps.setInt(1, settings.batchSize());
            try (ResultSet rs = ps.executeQuery()) {
                Set<String> malformedKeys = new HashSet<>();
                while (rs.next()) {
                    long id = rs.getLong("id");
                    String topic = rs.getString("topic");
                    String key = rs.getString("aggregate_id");
                    if (malformedKeys.contains(topic + '/' + key)) {
                        continue; // parked behind the malformed row next round
                    }
                    try {
                        batch.add(new Pending(id, topic, key, toCloudEvent(rs), rs.getString("traceparent"),
                                rs.getString("tracestate")));
                    } catch (IllegalArgumentException | IllegalStateException e) {
                        // a row no CloudEvent can be made of (e.g. a source that is not a URI)
                        malformed.put(id, e);
                        malformedKeys.add(topic + '/' + key);
                    }
                }
            }
        }
        park(malformed);
        return batch;
    }

    private static CloudEvent toCloudEvent(ResultSet rs) throws SQLException {
        UUID eventId = rs.getObject("event_id", UUID.class);
        return CloudEventBuilder.v1()
                .withId(eventId.toString())
                .withSource(URI.create(rs.getString("source")))
                .withType(rs.getString("event_type"))
                .withSubject(rs.getString("aggregate_id"))
                .withTime(rs.getTimestamp("occurred_at").toInstant().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(rs.getString("payload").getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /**
     * Marks the pending rows (the oldest batch: the only ones a previous holder or a failed round can
     * have sent) whose {@code ce_id} is already on their topic. Throws {@link PublishFailed} when the
     * broker cannot be read, so nothing is sent until it can.
     */
    private void markAlreadyOnTheTopics() throws SQLException {
        List<Pending> pending = loadPending();
        if (pending.isEmpty()) {
            return;
        }
        Properties client = kafka.clientProperties();
        client.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        client.put(ProducerConfig.CLIENT_ID_CONFIG, "itsm-" + config.service() + "-outbox-check");
        Map<String, Set<String>> onTopic = new HashMap<>();
        List<Long> there = new ArrayList<>();
        try {
            for (Pending p : pending) {
                Set<String> ids = onTopic.computeIfAbsent(p.topic(),
                        t -> PublishedTail.eventIds(client, t, settings.batchSize()));
                if (ids.contains(p.event().getId())) {
                    there.add(p.id());
                }
            }
        } catch (RuntimeException e) {
            throw new PublishFailed("cannot read back the topics before publishing: " + e.getMessage());
        }
        if (!there.isEmpty()) {
            LOG.infof("Outbox relay: %d pending event(s) were already on the topic (sent before a take-over or a failed "
                    + "round); marked published, not sent again", there.size());
        }
        markPublished(there);
    }

    private void markPublished(List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "update outbox_event set published_at = now() where id = any(?)")) {
            Array array = connection.createArrayOf("bigint", ids.toArray());
            ps.setArray(1, array);
            ps.executeUpdate();
        }
    }

    private KafkaProducer<String, CloudEvent> producer() {
        if (producer == null) {
            Properties p = kafka.clientProperties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "itsm-" + config.service() + "-outbox");
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(6000, settings.deliveryTimeout().toMillis())));
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
            p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
            settings.maxRequestSize().ifPresent(size -> p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(size)));
            producer = new KafkaProducer<>(p, new StringSerializer(), cloudEventSerializer());
        }
        return producer;
    }

    private static CloudEventSerializer cloudEventSerializer() {
        CloudEventSerializer serializer = new CloudEventSerializer();
        serializer.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY), false);
        return serializer;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(1));
            } catch (RuntimeException ignored) {
                // closing a producer that cannot reach its broker may complain; it is gone either way
            }
            producer = null;
        }
    }

    private void closeConnection() {
        leader = false;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }
    }

    /** A round could not hand every row to Kafka. */
    static final class PublishFailed extends RuntimeException {
        PublishFailed(String message) {
            super(message, null, false, false);
        }
    }
}
