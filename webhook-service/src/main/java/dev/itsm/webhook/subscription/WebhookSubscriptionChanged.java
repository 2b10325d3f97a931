package dev.itsm.webhook.subscription;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.platform.events.DomainEvent;

/**
 * A subscription was created, edited, paused, resumed, had its secret rotated or was deleted. Keyed by
 * the subscription id. Never carries the secret; the target URL without its query string, which may
 * hold a credential of the receiver.
 */
public record WebhookSubscriptionChanged(UUID subscriptionId, Change change, String name, String targetUrl, List<String> eventTypes,
        List<String> subjects, SubscriptionState state, List<String> changedFields, long version, String actor, Instant occurredAt)
        implements DomainEvent {

    /** What happened to the subscription. */
    public enum Change {
        CREATED, UPDATED, PAUSED, RESUMED, SECRET_ROTATED, DELETED
    }

    static WebhookSubscriptionChanged of(Subscription s, Change change, List<String> changedFields, String actor, Instant now) {
        return new WebhookSubscriptionChanged(s.id(), change, s.name(), withoutQuery(s.targetUrl()), s.eventTypes(), s.subjects(), s.state(),
                List.copyOf(changedFields), s.version(), actor, now);
    }

    /** {@code url} without query string and fragment (either may carry a token the receiver checks). */
    public static String withoutQuery(String url) {
        try {
            URI u = new URI(url);
            return new URI(u.getScheme(), u.getRawAuthority() == null ? null : u.getAuthority(), u.getPath(), null, null).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            int cut = url.indexOf('?');
            return cut < 0 ? url : url.substring(0, cut);
        }
    }

    @Override
    public String aggregateId() {
        return subscriptionId.toString();
    }

    @Override
    public String aggregateType() {
        return "WebhookSubscription";
    }
}
