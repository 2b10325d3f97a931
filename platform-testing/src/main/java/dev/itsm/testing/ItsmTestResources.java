package dev.itsm.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} application at the shared real infrastructure: its own database on
 * the shared PostgreSQL server, the shared Kafka broker, and the test JWT public key.
 * <p>
 * Use it once per module: {@code @QuarkusTestResource(value = ItsmTestResources.class,
 * initArgs = @ResourceArg(name = "database", value = "itsm_incident"))}.
 */
public class ItsmTestResources implements QuarkusTestResourceLifecycleManager {

    private String database = "itsm_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", TestInfrastructure.database(database));
        config.put("quarkus.datasource.username", TestInfrastructure.dbUser());
        config.put("quarkus.datasource.password", TestInfrastructure.dbPassword());
        config.put("kafka.bootstrap.servers", TestInfrastructure.kafkaBootstrapServers());
        config.put("mp.jwt.verify.publickey.location", TestTokens.PUBLIC_KEY_LOCATION);
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        return config;
    }

    @Override
    public void stop() {
        // The servers are shared by the whole JVM and stop with it.
    }
}
