package dev.itsm.catalog.ci;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.itsm.catalog.events.ConfigurationItemChanged;
import dev.itsm.catalog.support.ChangedFields;
import dev.itsm.catalog.support.VersionedAggregate;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

/** A configuration item (ITIL 4 service configuration management): anything managed to deliver a service. */
@Entity
@Table(name = "configuration_item")
public class ConfigurationItem extends VersionedAggregate {

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

    protected ConfigurationItem() {
    }

    /** The editable facts of a CI. */
    public record Facts(String name, String ciClass, String environment, CiStatus status, Map<String, Object> attributes) {
    }

    public static ConfigurationItem register(UUID id, Facts facts, Instant now) {
        ConfigurationItem ci = new ConfigurationItem();
        ci.begin(id, now);
        ci.assign(facts, now);
        return ci;
    }

    public List<ConfigurationItemChanged> registered(Instant now) {
        return List.of(ConfigurationItemChanged.of(this, false, List.of(), now));
    }

    /** Edits the facts; the event names the fields that changed. */
    public List<ConfigurationItemChanged> update(Facts facts, Instant now) {
        List<String> changed = new ChangedFields()
                .compare("name", name, facts.name())
                .compare("ciClass", ciClass, facts.ciClass())
                .compare("environment", environment, facts.environment())
                .compare("state", status, facts.status())
                .compare("status", status, facts.status())
                .compare("attributes", attributes, facts.attributes() == null ? Map.of() : facts.attributes())
                .names();
        assign(facts, now);
        return List.of(ConfigurationItemChanged.of(this, false, changed, now));
    }

    /** The fact that this CI is gone (its relations are removed by the caller, each with its own event). */
    public List<ConfigurationItemChanged> deleted(Instant now) {
        return List.of(ConfigurationItemChanged.of(this, true, List.of(), now));
    }

    private void assign(Facts facts, Instant now) {
        this.name = facts.name();
        this.ciClass = facts.ciClass();
        this.environment = facts.environment();
        this.status = facts.status();
        this.attributes = facts.attributes() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(facts.attributes());
        touch(now);
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
}
