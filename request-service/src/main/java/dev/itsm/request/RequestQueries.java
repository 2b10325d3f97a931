package dev.itsm.request;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.itsm.platform.http.ChangesFeed;
import dev.itsm.platform.http.Keyset;
import dev.itsm.platform.http.NativeKeysetQuery;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.http.Sort;
import dev.itsm.request.grant.AccessGrant;
import dev.itsm.request.grant.GrantState;
import dev.itsm.request.task.FulfilmentTask;
import dev.itsm.request.task.TaskState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Read side: keyset-paged lists of requests (object-level filtered), the fulfilment queues and the grants. */
@ApplicationScoped
public class RequestQueries {

    /** API sort field → SQL column (the allow-list for {@code ?sort=}). */
    public static final Map<String, String> SORTABLE = Map.of(
            "number", "number",
            "submittedAt", "submitted_at",
            "updatedAt", "updated_at",
            "state", "state");
    /** Newest first. */
    public static final String DEFAULT_SORT = "-submittedAt";

    static final Keyset.Column<Request> NUMBER = Keyset.Column.of("number", String.class, Request::number);
    static final Keyset.Column<Request> SUBMITTED_AT = Keyset.Column.of("submitted_at", Instant.class, Request::submittedAt);
    static final Keyset.Column<Request> UPDATED_AT = Keyset.Column.of("updated_at", Instant.class, Request::updatedAt);
    static final Keyset.Column<Request> STATE = Keyset.Column.of("state", RequestState.class, Request::state);
    static final Keyset.Column<Request> ID = Keyset.Column.of("id", UUID.class, Request::id);
    private static final List<Keyset.Column<Request>> COLUMNS = List.of(NUMBER, SUBMITTED_AT, UPDATED_AT, STATE);
    private static final List<Keyset.Column<Request>> TIE_BREAKS = List.of(SUBMITTED_AT, ID);
    static final Keyset<Request> FEED = Keyset.ascending(List.of(UPDATED_AT, ID));

    /** The fulfilment queue: oldest first; one request's tasks (opened at one instant) by number, i.e. item order. */
    static final Keyset<FulfilmentTask> QUEUE = Keyset.ascending(List.of(
            Keyset.Column.of("created_at", Instant.class, FulfilmentTask::createdAt),
            Keyset.Column.of("number", String.class, FulfilmentTask::number),
            Keyset.Column.of("id", UUID.class, FulfilmentTask::id)));
    /** The access review: soonest expiry first. */
    static final Keyset<AccessGrant> EXPIRY = Keyset.ascending(List.of(
            Keyset.Column.of("expires_at", Instant.class, AccessGrant::expiresAt),
            Keyset.Column.of("id", UUID.class, AccessGrant::id)));

    private final EntityManager em;

    RequestQueries(EntityManager em) {
        this.em = em;
    }

    public Page<Request> list(RequestFilter filter, Sort sort, PageRequest page, ChangesFeed.Window feed) {
        NativeKeysetQuery<Request> query = new NativeKeysetQuery<>("request", Request.class);
        filter.applyTo(query);
        if (feed != null) {
            query.feed(feed, UPDATED_AT.expression());
        }
        Keyset<Request> keys = feed != null ? FEED
                : Keyset.of(sort != null ? sort : Sort.parse(DEFAULT_SORT, SORTABLE, DEFAULT_SORT), COLUMNS, TIE_BREAKS);
        return query.page(em, keys, page, feed != null);
    }

    public Page<FulfilmentTask> tasks(String assignmentGroup, List<TaskState> states, String assignee, UUID requestId,
            PageRequest page) {
        NativeKeysetQuery<FulfilmentTask> query = new NativeKeysetQuery<>("fulfilment_task", FulfilmentTask.class);
        if (assignmentGroup != null) {
            query.where("assignment_group = :assignmentGroup", Map.of("assignmentGroup", assignmentGroup));
        }
        if (states != null && !states.isEmpty()) {
            query.where("state in (:states)", Map.of("states", states.stream().map(Enum::name).toList()));
        }
        if (assignee != null) {
            query.where("assignee = :assignee", Map.of("assignee", assignee));
        }
        if (requestId != null) {
            query.where("request_id = :requestId", Map.of("requestId", requestId));
        }
        return query.page(em, QUEUE, page, false);
    }

    public Page<AccessGrant> grants(String subject, List<GrantState> states, Instant expiresBefore, UUID requestId,
            PageRequest page) {
        NativeKeysetQuery<AccessGrant> query = new NativeKeysetQuery<>("access_grant", AccessGrant.class);
        if (subject != null) {
            query.where("subject = :subject", Map.of("subject", subject));
        }
        if (states != null && !states.isEmpty()) {
            query.where("state in (:states)", Map.of("states", states.stream().map(Enum::name).toList()));
        }
        if (expiresBefore != null) {
            Map<String, Object> p = new HashMap<>();
            p.put("expiresBefore", expiresBefore);
            query.where("expires_at < :expiresBefore", p);
        }
        if (requestId != null) {
            query.where("request_id = :requestId", Map.of("requestId", requestId));
        }
        return query.page(em, EXPIRY, page, false);
    }
}
