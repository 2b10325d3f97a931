package dev.itsm.platform.http;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/** Builds list responses: the {@link Page} body plus an RFC 8288 {@code Link} header. */
public final class Paging {

    private Paging() {
    }

    public static <T> Response ok(Page<T> page, UriInfo uri) {
        return Response.ok(page).header("Link", linkHeader(page, uri)).build();
    }

    /** {@code first}, {@code prev}, {@code next}, {@code last} links keeping every other query parameter. */
    public static String linkHeader(Page<?> page, UriInfo uri) {
        List<String> links = new ArrayList<>();
        links.add(link(uri, 0, page.size(), "first"));
        if (page.page() > 0) {
            links.add(link(uri, Math.min(page.page() - 1, page.lastPage()), page.size(), "prev"));
        }
        if (page.page() < page.lastPage()) {
            links.add(link(uri, page.page() + 1, page.size(), "next"));
        }
        links.add(link(uri, page.lastPage(), page.size(), "last"));
        return String.join(", ", links);
    }

    private static String link(UriInfo uri, int page, int size, String rel) {
        String target = uri.getRequestUriBuilder()
                .replaceQueryParam("page", page)
                .replaceQueryParam("size", size)
                .build().toString();
        // Relative reference, so the link stays right behind the gateway or any proxy.
        String path = URI.create(target).getRawPath();
        String query = URI.create(target).getRawQuery();
        return "<" + path + (query == null ? "" : "?" + query) + ">; rel=\"" + rel + "\"";
    }
}
