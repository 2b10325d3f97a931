package dev.itsm.request;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.itsm.platform.http.NativeKeysetQuery;

/**
 * List filters, every one optional, as native SQL conditions with named parameters only (values never
 * become query text) — and, for a caller who does not read every request, the object-level condition:
 * requests naming them (requestedBy, requestedFor, an approver) or of organisations where they are CUSTOMER.
 */
public record RequestFilter(
        List<RequestState> states,
        UUID offeringId,
        UUID organisationId,
        String requestedFor,
        String text,
        Caller caller,
        List<UUID> customerOf) {

    public void applyTo(NativeKeysetQuery<Request> query) {
        if (!caller.readsAll()) {
            Map<String, Object> p = new HashMap<>();
            p.put("caller", caller.subject());
            String own = "requested_by = :caller or requested_for = :caller or approvers @> jsonb_build_array(cast(:caller as text))";
            if (!customerOf.isEmpty()) {
                p.put("customerOf", customerOf);
                own += " or organisation_id in (:customerOf)";
            }
            query.where("(" + own + ")", p);
        }
        if (states != null && !states.isEmpty()) {
            query.where("state in (:states)", Map.of("states", states.stream().map(Enum::name).toList()));
        }
        if (offeringId != null) {
            query.where("offering_id = :offeringId", Map.of("offeringId", offeringId));
        }
        if (organisationId != null) {
            query.where("organisation_id = :organisationId", Map.of("organisationId", organisationId));
        }
        if (requestedFor != null) {
            query.where("requested_for = :requestedFor", Map.of("requestedFor", requestedFor));
        }
        String words = searchText();
        if (words != null) {
            Map<String, Object> p = new HashMap<>();
            p.put("text", "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            p.put("number", words);
            // a substring of the offering name, any case, or the number itself
            query.where("(offering_name ilike :text or number = upper(:number))", p);
        }
    }

    /** {@code q} without control characters (NUL cannot even be sent to PostgreSQL); null when blank. */
    public String searchText() {
        if (text == null) {
            return null;
        }
        String cleaned = text.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        return cleaned.isEmpty() ? null : cleaned;
    }
}
