package dev.itsm.catalog.ci;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.itsm.catalog.events.ConfigurationItemChanged;
import dev.itsm.platform.events.DomainEvent;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A configuration item (ITIL 4 service configuration management): anything managed to deliver a service. */
@Entity
@Table(name = "configuration_item")
public class ConfigurationItem extends PanacheEntityBase {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(name = "ci_class", nullable = false)
    private String ciClass;

    @Column(nullable = false)
    private String environment;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CiStatus status;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    private Map<String, Object> attributes = new LinkedHashMap<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected ConfigurationItem() {
    }

    /** The editable facts of a CI. */
    public record Facts(String name, String ciClass, String environment, CiStatus status, Map<String, Object> attributes) {
    }

    public static ConfigurationItem register(UUID id, Facts facts, Instant now) {
        ConfigurationItem ci = new ConfigurationItem();
        ci.id = id;
        ci.createdAt = now;
        ci.apply(facts, now);
        return ci;
    }

    public List<DomainEvent> registered(Instant now) {
        return List.of(ConfigurationItemChanged.of(this, false, now));
    }

    public List<DomainEvent> update(Facts facts, Instant now) {
        apply(facts, now);
        return List.of(ConfigurationItemChanged.of(this, false, now));
    }

    /** The fact that this CI is gone (its relations are removed by the caller, each with its own event). */
    public List<DomainEvent> deleted(Instant now) {
        return List.of(ConfigurationItemChanged.of(this, true, now));
    }

    private void apply(Facts facts, Instant now) {
        this.name = facts.name();
        this.ciClass = facts.ciClass();
        this.environment = facts.environment();
        this.status = facts.status();
        this.attributes = facts.attributes() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(facts.attributes());
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String ciClass() {
        return ciClass;
    }

    public String environment() {
        return environment;
    }

    public CiStatus status() {
        return status;
    }

    public Map<String, Object> attributes() {
        return attributes;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
