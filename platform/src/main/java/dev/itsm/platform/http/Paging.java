package dev.itsm.platform.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

/** Builds list responses: the {@link Page} body plus an RFC 8288 {@code Link} header. */
public final class Paging {

    private Paging() {
    }

    public static <T> Response ok(Page<T> page, UriInfo uri) {
        return Response.ok(page).header("Link", linkHeader(page, uri)).build();
    }

    /**
     * {@code first}, {@code prev}, {@code next} and {@code last}, keeping every other query parameter.
     * {@code next} follows the page's cursor when it has one, so a client walking the links never
     * pays an OFFSET; {@code prev} and {@code last} exist only for page numbers with an exact total.
     */
    public static String linkHeader(Page<?> page, UriInfo uri) {
        List<String> links = new ArrayList<>();
        links.add(link(uri.getRequestUriBuilder().replaceQueryParam("cursor").replaceQueryParam("page", 0)
                .replaceQueryParam("size", page.size()), "first"));
        int last = page.lastPage();
        Integer number = page.page();
        if (number != null && number > 0) {
            int prev = last >= 0 ? Math.min(number - 1, last) : number - 1;
            links.add(pageLink(uri, prev, page.size(), "prev"));
        }
        if (page.next() != null && !page.items().isEmpty()) {
            links.add(link(uri.getRequestUriBuilder().replaceQueryParam("page").replaceQueryParam("cursor", page.next())
                    .replaceQueryParam("size", page.size()), "next"));
        } else if (page.next() == null && number != null && number < last) {
            links.add(pageLink(uri, number + 1, page.size(), "next"));
        }
        if (number != null && last >= 0) {
            links.add(pageLink(uri, last, page.size(), "last"));
        }
        return String.join(", ", links);
    }

    private static String pageLink(UriInfo uri, int page, int size, String rel) {
        return link(uri.getRequestUriBuilder().replaceQueryParam("cursor").replaceQueryParam("page", page)
                .replaceQueryParam("size", size), rel);
    }

    private static String link(UriBuilder builder, String rel) {
        URI target = builder.build();
        // Relative reference, so the link stays right behind the gateway or any proxy.
        String query = target.getRawQuery();
        return "<" + target.getRawPath() + (query == null ? "" : "?" + query) + ">; rel=\"" + rel + "\"";
    }
}
