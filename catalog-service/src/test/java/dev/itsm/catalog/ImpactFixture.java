package dev.itsm.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.itsm.catalog.api.CiRequest;
import dev.itsm.catalog.api.RelationRequest;
import dev.itsm.catalog.api.ServiceRequest;
import dev.itsm.catalog.ci.CiService;
import dev.itsm.catalog.ci.RelationType;
import dev.itsm.catalog.ci.TargetType;
import dev.itsm.catalog.portfolio.ServicePortfolio;
import dev.itsm.catalog.portfolio.ServiceType;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A CI graph of {@code 3 + apps × (1 + endpointsPerApp)} CIs with a cycle, built through the
 * service layer (so every change also goes through the outbox):
 * <pre>
 *   db runs_on server                 (upstream: the server is NOT impacted by the db)
 *   app[i] depends_on db              (i &lt; apps)
 *   endpoint[i][j] runs_on app[i]     (j &lt; endpointsPerApp)
 *   endpoint[0][0] hosts widget
 *   app[3] hosts SERVICE shop;  SERVICE portal depends on shop
 *   db depends_on app[0]              (the cycle db → app[0] → db)
 * </pre>
 */
public final class ImpactFixture {

    public final UUID db;
    public final UUID server;
    public final UUID widget;
    public final List<UUID> apps = new ArrayList<>();
    public final List<List<UUID>> endpoints = new ArrayList<>();
    public final UUID shop;
    public final UUID portal;
    public final int ciCount;

    public ImpactFixture(CiService cis, ServicePortfolio services, int appCount, int endpointsPerApp) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        db = QuarkusTransaction.requiringNew().call(() -> ci(cis, "db-" + tag, "database"));
        server = QuarkusTransaction.requiringNew().call(() -> ci(cis, "server-" + tag, "server"));
        widget = QuarkusTransaction.requiringNew().call(() -> ci(cis, "widget-" + tag, "application"));
        shop = QuarkusTransaction.requiringNew().call(() -> service(services, "shop-" + tag, List.of()));
        portal = QuarkusTransaction.requiringNew().call(() -> service(services, "portal-" + tag, List.of(shop)));
        for (int i = 0; i < appCount; i++) {
            int app = i;
            QuarkusTransaction.requiringNew().run(() -> {
                UUID a = ci(cis, "app-" + app + "-" + tag, "application");
                apps.add(a);
                relate(cis, a, RelationType.DEPENDS_ON, TargetType.CI, db);
                List<UUID> eps = new ArrayList<>();
                for (int j = 0; j < endpointsPerApp; j++) {
                    UUID e = ci(cis, "endpoint-" + app + "-" + j + "-" + tag, "endpoint");
                    relate(cis, e, RelationType.RUNS_ON, TargetType.CI, a);
                    eps.add(e);
                }
                endpoints.add(eps);
            });
        }
        QuarkusTransaction.requiringNew().run(() -> {
            relate(cis, db, RelationType.RUNS_ON, TargetType.CI, server);
            relate(cis, endpoints.get(0).get(0), RelationType.HOSTS, TargetType.CI, widget);
            relate(cis, apps.get(3), RelationType.HOSTS, TargetType.SERVICE, shop);
            relate(cis, db, RelationType.DEPENDS_ON, TargetType.CI, apps.get(0));
        });
        ciCount = 3 + appCount * (1 + endpointsPerApp);
    }

    private static UUID ci(CiService cis, String name, String ciClass) {
        return cis.create(new CiRequest(name, ciClass, "production", null, null, Map.of("bench", true))).id();
    }

    private static UUID service(ServicePortfolio services, String key, List<UUID> dependsOn) {
        return services.create(new ServiceRequest(key, key, null, ServiceType.BUSINESS, "bench", null, null, dependsOn)).id();
    }

    private static void relate(CiService cis, UUID source, RelationType type, TargetType targetType, UUID target) {
        cis.relate(source, new RelationRequest(type, targetType, target));
    }
}
