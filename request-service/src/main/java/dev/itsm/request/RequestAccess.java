package dev.itsm.request;

import java.util.List;
import java.util.UUID;

import dev.itsm.platform.problem.NotFoundException;
import dev.itsm.platform.problem.ProblemException;
import dev.itsm.request.catalog.Organisations;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Object-level authorisation (OWASP API1). A caller who does not read every request sees one only
 * when it names them — requestedBy, requestedFor, an approver of a level — or they are a CUSTOMER of its
 * organisation; any other id is 404, so existence is not revealed. Acting as the requester side (cancel,
 * close, provide-info) needs more than being an approver.
 */
@ApplicationScoped
public class RequestAccess {

    private final Organisations organisations;

    RequestAccess(Organisations organisations) {
        this.organisations = organisations;
    }

    /** The request if the caller may read it, else 404. */
    public Request readable(Request request, Caller caller) {
        if (caller.readsAll() || request.names(caller.subject()) || request.namesApprover(caller.subject())
                || organisations.isCustomer(caller.subject(), request.organisationId())) {
            return request;
        }
        throw new NotFoundException("Request", request.id());
    }

    /** The request if the caller may act for the requester side on it: 404 when unreadable, 403 when only an approver. */
    public Request actsAsRequester(Request request, Caller caller) {
        readable(request, caller);
        if (caller.actsOnAll() || request.names(caller.subject())
                || organisations.isCustomer(caller.subject(), request.organisationId())) {
            return request;
        }
        throw new ProblemException(403, "not-the-requester", "Not the requester",
                caller.subject() + " may read request " + request.number() + " as an approver but not act for its requester");
    }

    /** Organisations whose requests the caller sees as a CUSTOMER (for the list filter). */
    public List<UUID> customerOf(Caller caller) {
        return caller.readsAll() ? List.of() : organisations.organisationsWhereCustomer(caller.subject());
    }
}
