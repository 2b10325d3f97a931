package dev.itsm.change;

/**
 * The descriptions and examples of the {@code <Noun>Page} schemas' fields, copied from the platform's
 * {@code Page} (annotations need compile-time constants), so every list of the service documents its
 * page the same way as the platform serialises it.
 */
public final class PageSchema {

    private PageSchema() {
    }

    public static final String ITEMS = "The items of this page";
    public static final String PAGE = "Zero-based page number; absent on a page reached by cursor";
    public static final String PAGE_EXAMPLE = "0";
    public static final String SIZE = "Requested page size";
    public static final String SIZE_EXAMPLE = "50";
    public static final String TOTAL = "Rows matching the query over all pages: exact when totalExact is true, otherwise a "
            + "lower bound (see the count parameter); absent when not counted";
    public static final String TOTAL_EXAMPLE = "1234";
    public static final String TOTAL_EXACT = "Whether total is exact (true) or a lower bound (false); absent with total";
    public static final String TOTAL_EXACT_EXAMPLE = "true";
    public static final String NEXT = "Cursor of the next page: send it back as ?cursor= (with the same filters and sort). "
            + "Absent on the last page";
    public static final String NEXT_EXAMPLE = "eyJvIjoiLW9wZW5lZEF0IiwiayI6WyIyMDI2LTEyLTAxVDEwOjAwOjAwWiJdfQ";
    /** The size parameter. */
    public static final String SIZE_PARAMETER = "Page size, 1 to 500 (default 50)";
}
