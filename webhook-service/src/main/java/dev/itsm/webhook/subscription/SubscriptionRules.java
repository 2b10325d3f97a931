package dev.itsm.webhook.subscription;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ValidationException;
import dev.itsm.webhook.catalog.EventTypeCatalog;
import dev.itsm.webhook.egress.TargetPolicy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a subscription's definition must satisfy, on create and after a merge patch alike. All bad fields
 * are reported together (400 {@code errors[]}), each with what is wrong and, for addresses and event
 * types, which value.
 */
@ApplicationScoped
public class SubscriptionRules {

    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_URL = 2048;
    static final int MAX_SUBJECTS = 1000;
    static final int MAX_SUBJECT = 200;

    /** A definition that passed the rules: trimmed, duplicates removed. */
    public record Definition(String name, String description, URI targetUrl, List<String> eventTypes, List<String> subjects) {
    }

    private final TargetPolicy targets;
    private final EventTypeCatalog catalog;

    SubscriptionRules(TargetPolicy targets, EventTypeCatalog catalog) {
        this.targets = targets;
        this.catalog = catalog;
    }

    /** The definition, or a 400 naming every bad field ({@code extra} are errors the caller found already). */
    Definition check(String name, String description, String targetUrl, List<String> eventTypes, List<String> subjects,
            List<Problem.FieldError> extra) {
        List<Problem.FieldError> errors = new ArrayList<>(extra);
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            errors.add(new Problem.FieldError("name", "must not be blank"));
        } else if (n.length() > MAX_NAME) {
            errors.add(new Problem.FieldError("name", "must be at most " + MAX_NAME + " characters"));
        }
        String d = description == null || description.isBlank() ? null : description.strip();
        if (d != null && d.length() > MAX_DESCRIPTION) {
            errors.add(new Problem.FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        URI url = target(targetUrl, errors);
        List<String> types = eventTypes(eventTypes, errors);
        List<String> subs = subjects(subjects, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Definition(n, d, url, types, subs);
    }

    private URI target(String targetUrl, List<Problem.FieldError> errors) {
        if (targetUrl == null || targetUrl.isBlank()) {
            errors.add(new Problem.FieldError("targetUrl", "must not be blank"));
            return null;
        }
        if (targetUrl.length() > MAX_URL) {
            errors.add(new Problem.FieldError("targetUrl", "must be at most " + MAX_URL + " characters"));
            return null;
        }
        URI url;
        try {
            url = new URI(targetUrl.strip());
        } catch (URISyntaxException e) {
            errors.add(new Problem.FieldError("targetUrl", "is not a valid URL: " + e.getReason()));
            return null;
        }
        targets.problems(url).forEach(p -> errors.add(new Problem.FieldError("targetUrl", p)));
        return url;
    }

    private List<String> eventTypes(List<String> eventTypes, List<Problem.FieldError> errors) {
        if (eventTypes == null || eventTypes.isEmpty()) {
            errors.add(new Problem.FieldError("eventTypes", "must name at least one event type (see GET /api/v1/webhooks/event-types)"));
            return List.of();
        }
        LinkedHashSet<String> types = new LinkedHashSet<>();
        for (int i = 0; i < eventTypes.size(); i++) {
            String t = eventTypes.get(i) == null ? "" : eventTypes.get(i).strip();
            if (t.isEmpty()) {
                errors.add(new Problem.FieldError("eventTypes[" + i + "]", "must not be blank"));
            } else if (!catalog.isKnownFilter(t)) {
                errors.add(new Problem.FieldError("eventTypes[" + i + "]", "unknown event type " + t
                        + ": not in the services' AsyncAPI documents (see GET /api/v1/webhooks/event-types; dev.itsm.<service>.* selects a whole service)"));
            } else {
                types.add(t);
            }
        }
        return List.copyOf(types);
    }

    private static List<String> subjects(List<String> subjects, List<Problem.FieldError> errors) {
        if (subjects == null) {
            return List.of();
        }
        if (subjects.size() > MAX_SUBJECTS) {
            errors.add(new Problem.FieldError("subjects", "must have at most " + MAX_SUBJECTS + " entries"));
            return List.of();
        }
        LinkedHashSet<String> found = new LinkedHashSet<>();
        for (int i = 0; i < subjects.size(); i++) {
            String s = subjects.get(i) == null ? "" : subjects.get(i).strip();
            if (s.isEmpty()) {
                errors.add(new Problem.FieldError("subjects[" + i + "]", "must not be blank"));
            } else if (s.length() > MAX_SUBJECT) {
                errors.add(new Problem.FieldError("subjects[" + i + "]", "must be at most " + MAX_SUBJECT + " characters"));
            } else {
                found.add(s);
            }
        }
        return List.copyOf(found);
    }
}
