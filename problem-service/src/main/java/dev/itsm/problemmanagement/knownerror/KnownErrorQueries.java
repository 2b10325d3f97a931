package dev.itsm.problemmanagement.knownerror;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.itsm.platform.http.Count;
import dev.itsm.platform.http.Keyset;
import dev.itsm.platform.http.NativeKeysetQuery;
import dev.itsm.platform.http.Page;
import dev.itsm.platform.http.PageRequest;
import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.platform.problem.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * The known-error database's read side. Without {@code q}: newest publication first, keyset-paged.
 * With {@code q}: a full-text search ({@code websearch_to_tsquery('english', q)}, the GIN index
 * {@code known_error_search}) ranked by {@code ts_rank} — title above symptoms above workaround —
 * which is computed per match and so pages by page number only.
 */
@ApplicationScoped
public class KnownErrorQueries {

    /** Search text as PostgreSQL's web-search syntax reads it: words, "phrases", or, -not; never a syntax error. */
    static final String TS_QUERY = "websearch_to_tsquery('english', :q)";

    static final Keyset.Column<KnownError> PUBLISHED_AT = Keyset.Column.of("published_at", Instant.class, KnownError::publishedAt);
    static final Keyset.Column<KnownError> ID = Keyset.Column.of("id", UUID.class, KnownError::id);
    /** Newest first. */
    static final Keyset<KnownError> NEWEST = Keyset.of(dev.itsm.platform.http.Sort.parse("-publishedAt",
            Map.of("publishedAt", "published_at"), "-publishedAt"), List.of(PUBLISHED_AT), List.of(ID));

    /** Filters of a list, every one optional. */
    public record Filter(UUID serviceId, UUID ciId, KnownErrorState status, String text) {

        /** {@code q} without control characters (NUL cannot even be sent to PostgreSQL); null when blank. */
        public String searchText() {
            if (text == null) {
                return null;
            }
            String cleaned = text.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
            return cleaned.isEmpty() ? null : cleaned;
        }

        void conditions(List<String> where, Map<String, Object> params) {
            if (serviceId != null) {
                where.add("service_ids @> array[cast(:serviceId as uuid)]");
                params.put("serviceId", serviceId);
            }
            if (ciId != null) {
                where.add("ci_ids @> array[cast(:ciId as uuid)]");
                params.put("ciId", ciId);
            }
            if (status != null) {
                where.add("status = :status");
                params.put("status", status.name());
            }
        }
    }

    private final EntityManager em;

    KnownErrorQueries(EntityManager em) {
        this.em = em;
    }

    public KnownError get(UUID id) {
        KnownError k = em.find(KnownError.class, id);
        if (k == null) {
            throw new NotFoundException("Known error", id);
        }
        return k;
    }

    public Page<KnownError> list(Filter filter, PageRequest page) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        filter.conditions(where, params);
        String q = filter.searchText();
        if (q == null) {
            NativeKeysetQuery<KnownError> query = new NativeKeysetQuery<>("known_error", KnownError.class);
            if (!where.isEmpty()) {
                query.where(String.join(" and ", where), params);
            }
            return query.page(em, NEWEST, page, false);
        }
        if (page.byCursor()) {
            throw new ValidationException("cursor", "a search (q) is ordered by relevance and paged by page number");
        }
        where.add("search @@ " + TS_QUERY);
        params.put("q", q);
        String whereClause = " where " + String.join(" and ", where);
        Query rows = em.createNativeQuery("select * from known_error" + whereClause + " order by ts_rank(search, " + TS_QUERY
                + ") desc, published_at desc, id desc limit :pageLimit offset :pageOffset", KnownError.class);
        params.forEach(rows::setParameter);
        rows.setParameter("pageLimit", page.size() + 1).setParameter("pageOffset", page.offset());
        @SuppressWarnings("unchecked")
        List<KnownError> found = rows.getResultList();
        Count count = Count.of(page.count(), atMost -> {
            Query c = em.createNativeQuery("select count(*) from (select 1 from known_error" + whereClause
                    + (atMost == Long.MAX_VALUE ? "" : " limit " + atMost) + ") m", Long.class);
            params.forEach(c::setParameter);
            return ((Number) c.getSingleResult()).longValue();
        });
        return Page.of(found.size() > page.size() ? List.copyOf(found.subList(0, page.size())) : found, page, count, null);
    }
}
