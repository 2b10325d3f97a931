package dev.itsm.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 15 server (zonky embedded binaries) as a child process. The data directory is
 * kept across restarts unless {@code clean} is asked for.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param dataDir    where the cluster lives
     * @param binDir     where the PostgreSQL binaries are unpacked
     * @param port       0 = pick a free port
     * @param clean      wipe the data directory first
     */
    public static PostgresServer start(Path dataDir, Path binDir, int port, boolean clean) {
        try {
            Files.createDirectories(dataDir.getParent());
            Files.createDirectories(binDir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setOverrideWorkingDirectory(binDir.toFile())
                    .setCleanDataDirectory(clean)
                    .setPort(port == 0 ? FreePorts.pick() : port)
                    // Enough connections for four services with their pools plus benchmarks.
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // A throw-away cluster (tests, fresh benchmark data) trades durability for speed, as
                    // test suites of real projects do; a kept cluster (./itsm up) stays crash-safe.
                    .setServerConfig("fsync", clean ? "off" : "on")
                    .setServerConfig("synchronous_commit", clean ? "off" : "on")
                    .setServerConfig("full_page_writes", clean ? "off" : "on")
                    .setRegisterShutdownHook(true)
                    .start();
            return new PostgresServer(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDir, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates {@code database} unless it exists. */
    public void ensureDatabase(String database) {
        ensureDatabase(jdbcUrl("postgres"), USER, PASSWORD, database);
    }

    /** Creates {@code database} on any server reachable through {@code adminUrl}. */
    public static void ensureDatabase(String adminUrl, String user, String password, String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            st.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
