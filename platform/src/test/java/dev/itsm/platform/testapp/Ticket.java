package dev.itsm.platform.testapp;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.platform.testapp.TicketRequest.Kind;

/** A ticket as read; {@code id} and {@code kind} carry descriptions, which SmallRye writes next to a {@code $ref}. */
public record Ticket(@Schema(description = "The ticket's id") UUID id, String title, String state,
        @Schema(description = "What sort of ticket") Kind kind, long version) {

    public Ticket(UUID id, String title, String state, long version) {
        this(id, title, state, null, version);
    }
}
