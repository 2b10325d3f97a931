package dev.itsm.sla.timer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code itsm_sla_timers{state=RUNNING|PAUSED|MET|BREACHED|CANCELED}} on {@code /q/metrics}: the
 * number of SLA timers per state, counted with one grouped query at most every 5 s.
 */
@ApplicationScoped
public class TimerMetrics {

    // the state a timer shows, derived like SlaTimer.state(): canceled, else breached, else the phase
    private static final String COUNT_BY_STATE = """
            select case when phase = 'CANCELED' then 'CANCELED'
                        when breached then 'BREACHED'
                        when phase = 'RUNNING' then 'RUNNING'
                        when phase = 'PAUSED' then 'PAUSED'
                        else 'MET' end as state, count(*)
            from sla_timer group by 1""";

    private final DataSource dataSource;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<TimerState, Long> counts = new EnumMap<>(TimerState.class);
    private Instant sampledAt = Instant.EPOCH;

    TimerMetrics(DataSource dataSource, MeterRegistry registry, Clock clock) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.clock = clock;
    }

    void register(@Observes StartupEvent event) {
        for (TimerState state : TimerState.values()) {
            Gauge.builder("itsm.sla.timers", this, m -> m.count(state))
                    .description("SLA timers by the state they show").tag("state", state.name()).register(registry);
        }
    }

    private synchronized double count(TimerState state) {
        if (sampledAt.plus(Duration.ofSeconds(5)).isBefore(clock.instant())) {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(COUNT_BY_STATE)) {
                ps.setQueryTimeout(10);
                Map<TimerState, Long> fresh = new EnumMap<>(TimerState.class);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        fresh.put(TimerState.valueOf(rs.getString(1)), rs.getLong(2));
                    }
                }
                counts.clear();
                counts.putAll(fresh);
            } catch (SQLException e) {
                // keep the last counts; an unreachable database shows in readiness
            }
            sampledAt = clock.instant();
        }
        return counts.getOrDefault(state, 0L);
    }
}
