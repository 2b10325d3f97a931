package dev.itsm.catalog.support;

/**
 * The descriptions and examples of a list page's fields as the platform's {@code Page} documents them,
 * for the {@code <Noun>Page} schema records of the catalogue's resources (annotations need constants).
 */
public final class PageFields {

    public static final String PAGE = "Zero-based page number; absent on a page reached by cursor";
    public static final String SIZE = "Requested page size";
    public static final String TOTAL = "Rows matching the query over all pages: exact when totalExact is true, otherwise a "
            + "lower bound (see the count parameter); absent when not counted";
    public static final String TOTAL_EXACT = "Whether total is exact (true) or a lower bound (false); absent with total";
    public static final String NEXT = "Cursor of the next page: send it back as ?cursor= (with the same filters and sort). "
            + "Absent on the last page";
    public static final String NEXT_EXAMPLE = "eyJvIjoiLW9wZW5lZEF0IiwiayI6WyIyMDI2LTEyLTAxVDEwOjAwOjAwWiJdfQ";

    /** What every list's operation description says about q=, paging and the feed. */
    public static final String LIST_NOTES = " q= is a full-text search (whole words, any case; \"quoted phrase\", -word "
            + "excludes) served by an index. Walk a large list with cursor (next, Link rel=next); total is counted up to "
            + "10,000 unless count=exact. updatedSince turns the list into the changes feed, in (updatedAt, id) order.";

    private PageFields() {
    }
}
