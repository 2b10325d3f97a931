package dev.itsm.monitoring.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** OpenAPI shape of a page of alerts: the platform's {@code Page} with the item type named. */
@Schema(name = "AlertPage")
public record AlertPage(
        @Schema(description = "The items of this page") List<AlertView> items,
        @Schema(description = ApiDocs.PAGE_NUMBER, example = "0") Integer page,
        @Schema(description = "Requested page size", example = "50") int size,
        @Schema(description = ApiDocs.TOTAL, example = "1234") Long total,
        @Schema(description = ApiDocs.TOTAL_EXACT, example = "true") Boolean totalExact,
        @Schema(description = ApiDocs.NEXT, example = ApiDocs.NEXT_EXAMPLE) String next) {
}
