package dev.itsm.platform.testapp;

import java.util.UUID;

public record Ticket(UUID id, String title, String state, long version) {
}
