package dev.itsm.platform.events;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names derived from a service's short name, per docs/ARCHITECTURE.md §5. */
public record ServiceIdentity(String service) {

    private static final Pattern OWNED_TOPIC = Pattern.compile("itsm\\.([a-z][a-z0-9-]*)\\.events");

    public ServiceIdentity {
        if (service == null || !service.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("itsm.service must be a short lower-case name, was: " + service);
        }
    }

    /** {@code itsm.<service>.events} */
    public String topic() {
        return topicOf(service);
    }

    /** {@code /itsm/<service>-service} */
    public String source() {
        return "/itsm/" + service + "-service";
    }

    /** {@code dev.itsm.<service>.<eventName>} */
    public String ceType(String eventName) {
        return "dev.itsm." + service + "." + eventName;
    }

    /** Topic owned by another service. */
    public static String topicOf(String service) {
        return "itsm." + service + ".events";
    }

    /** The service that owns {@code topic} ({@code itsm.<service>.events}), or null for a topic not named so. */
    public static String ownerOf(String topic) {
        Matcher m = OWNED_TOPIC.matcher(topic == null ? "" : topic);
        return m.matches() ? m.group(1) : null;
    }

    /** Dead-letter topic of {@code topic}. */
    public static String deadLetterTopicOf(String topic) {
        return topic + ".dlq";
    }
}
