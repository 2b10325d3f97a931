package dev.itsm.monitoring.api;

/** Texts and examples the monitoring resources share (OpenAPI annotations need compile-time constants). */
final class ApiDocs {

    private ApiDocs() {
    }

    static final String PROBLEM = dev.itsm.platform.problem.Problem.MEDIA_TYPE;
    static final String SIZE = "Page size, at most 500";
    static final String IF_MATCH = "Optional: the ETag of the last read (\"<version>\"); a different version is 412";
    static final String STALE = "If-Match does not match the current version";

    // the platform Page's field descriptions
    static final String PAGE_NUMBER = "Zero-based page number; absent on a page reached by cursor";
    static final String TOTAL = "Rows matching the query over all pages: exact when totalExact is true, otherwise a "
            + "lower bound (see the count parameter); absent when not counted";
    static final String TOTAL_EXACT = "Whether total is exact (true) or a lower bound (false); absent with total";
    static final String NEXT = "Cursor of the next page: send it back as ?cursor= (with the same filters and sort). "
            + "Absent on the last page (a changes feed page always has one)";
    static final String NEXT_EXAMPLE = "eyJvIjoiLWxhc3Rfc2Vlbl9hdCIsImsiOlsiMjAyNi0xMi0wMVQxMDowMDowMFoiXX0";

    static final String ILLEGAL_TRANSITION = """
            {"type":"https://itsm.dev/problems/illegal-transition","title":"Command not allowed in the current state","status":409,\
            "detail":"Cannot acknowledge alert ALT0000042 in state RESOLVED; allowed: none",\
            "instance":"/api/v1/monitoring/alerts/7c9e6679-7425-40de-944b-e07fc1f90ae7/acknowledge","currentState":"RESOLVED",\
            "command":"acknowledge","allowedCommands":[]}""";
    static final String INVALID_SUPPRESSION = """
            {"type":"https://itsm.dev/problems/invalid-suppression","title":"Suppression end out of range","status":422,\
            "detail":"until must be in the future and at most PT720H ahead",\
            "instance":"/api/v1/monitoring/alerts/7c9e6679-7425-40de-944b-e07fc1f90ae7/suppress","until":"2026-11-30T18:00:00Z"}""";
    static final String CONFLICT = "Not allowed in the current state (names it in currentState, with allowedCommands), "
            + "or changed concurrently";
    static final String SEVERITY_VALUES = "critical, major, warning, minor, info";
}
