package dev.itsm.change.request;

/** Who issues a command: the token's user name and whether they act as a change manager. */
public record Actor(String name, boolean changeManager) {
}
