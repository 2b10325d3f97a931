package dev.itsm.request;

import java.time.Duration;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One offering component as ordered: its answers, its fulfilment group and where its fulfilment stands. */
@Entity
@Table(name = "request_item")
public class RequestItem extends PanacheEntityBase {

    @Id
    private UUID id;
    @Column(name = "request_id")
    private UUID requestId;
    private int position;
    @Column(name = "component_key")
    private String componentKey;
    private String kind;
    private String description;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private JsonNode answers;
    @Column(name = "fulfilment_group")
    private String fulfilmentGroup;
    @Column(name = "access_period")
    private String accessPeriod;
    @Enumerated(EnumType.STRING)
    private ItemState state;

    protected RequestItem() {
        // for JPA
    }

    static RequestItem of(UUID id, UUID requestId, int position, String componentKey, String kind, String description,
            JsonNode answers, String fulfilmentGroup, Duration accessPeriod) {
        RequestItem i = new RequestItem();
        i.id = id;
        i.requestId = requestId;
        i.position = position;
        i.componentKey = componentKey;
        i.kind = kind;
        i.description = description;
        i.answers = answers == null || answers.isNull() ? null : answers;
        i.fulfilmentGroup = fulfilmentGroup;
        i.accessPeriod = accessPeriod == null ? null : accessPeriod.toString();
        i.state = ItemState.PENDING;
        return i;
    }

    void moveTo(ItemState target) {
        if (!state.canMoveTo(target)) {
            throw new IllegalStateException("item " + componentKey + " cannot move from " + state + " to " + target);
        }
        state = target;
    }

    /** What an access grant of this item gives access to: the component's description and key. */
    String resource() {
        return (description == null || description.isBlank() ? kind : description) + " (" + componentKey + ")";
    }

    public UUID id() { return id; }
    public UUID requestId() { return requestId; }
    public int position() { return position; }
    public String componentKey() { return componentKey; }
    public String kind() { return kind; }
    public String description() { return description; }
    public JsonNode answers() { return answers; }
    public String fulfilmentGroup() { return fulfilmentGroup; }
    public Duration accessPeriod() { return accessPeriod == null ? null : Duration.parse(accessPeriod); }
    public ItemState state() { return state; }
}
