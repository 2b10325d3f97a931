package dev.itsm.platform.http;

/**
 * The descriptions and examples every list documents for its paging, counting and feed parameters
 * (OpenAPI annotations need compile-time constants), so the parameters read the same everywhere:
 *
 * <pre>{@code
 * @Parameter(description = ListParameters.CURSOR) @QueryParam("cursor") String cursor,
 * @Parameter(description = ListParameters.COUNT, schema = @Schema(type = SchemaType.STRING,
 *         enumeration = { "bounded", "exact", "none" }, defaultValue = "bounded")) @QueryParam("count") String count,
 * @Parameter(description = ListParameters.UPDATED_SINCE, schema = @Schema(type = SchemaType.STRING, format = "date-time"),
 *         example = ListParameters.UPDATED_SINCE_EXAMPLE) @QueryParam("updatedSince") String updatedSince,
 * }</pre>
 */
public final class ListParameters {

    private ListParameters() {
    }

    public static final String PAGE = "Zero-based page number, for small collections; walk large ones with `cursor` (a "
            + "page number costs an OFFSET: the deeper, the slower). Not together with cursor";

    public static final String CURSOR = "Where the page starts: the `next` value of the previous page (also in its "
            + "`Link: rel=\"next\"` header). Opaque; valid with the same sort (and filters) as the request that returned "
            + "it. Each page costs the same however deep the walk: rows are found by index from the last one served, "
            + "so rows inserted or changed during a walk never make it skip or repeat a row that stays put";

    public static final String COUNT = "How `total` is counted: `bounded` (default on a first page) counts up to "
            + "10,000 matching rows — beyond, `total` is 10000 and `totalExact` false; `exact` counts them all (costs "
            + "a scan of every match); `none` (default when following a cursor, and for a text search `q`) leaves "
            + "`total` out. A search counts only when asked: counting a common word's matches costs many times the "
            + "first page of them";

    public static final String UPDATED_SINCE = "Changes feed: only rows updated at or after this instant, in "
            + "(updatedAt, id) order (sort is not allowed with it). Follow `next` page by page; when a page comes back "
            + "with fewer rows than asked you are up to date — keep its `next` and poll with it (and the same "
            + "updatedSince) later. Rows appear once their update is 30 s old (itsm.feed.safety-lag): every write "
            + "transaction commits or rolls back within 20 s, so a row that commits late is never skipped by a "
            + "cursor that already moved past its updatedAt";

    public static final String UPDATED_SINCE_EXAMPLE = "2026-12-01T00:00:00Z";

}
