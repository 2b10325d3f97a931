package dev.itsm.platform.testapp;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record TicketRequest(
        @NotBlank @Size(max = 100) String title,
        @NotNull Kind kind,
        @Min(0) @Max(5) int renames,
        @Schema(description = "Free labels, any JSON object") JsonNode labels) {

    public enum Kind {
        BUG, TASK
    }
}
