package org.smartcontainers.web.http;

import java.util.List;
import org.apache.jena.atlas.web.AcceptList;
import org.apache.jena.atlas.web.MediaType;

/** Content negotiation: the offer the client's {@code Accept} prefers; the first offer without one. */
public final class Conneg {
    private Conneg() {
    }

    /** One of {@code offers} (media types without parameters), or 406 when none is acceptable. */
    public static String choose(Request request, List<String> offers) {
        String accept = request.header("Accept");
        if (accept == null || accept.isBlank()) {
            return offers.get(0);
        }
        MediaType chosen;
        try {
            // The order of offers breaks ties, so a bare */* gets the first (the default).
            chosen = AcceptList.match(new AcceptList(accept), AcceptList.create(offers.toArray(String[]::new)));
        } catch (RuntimeException e) {
            throw HttpError.badRequest("cannot parse the Accept header '" + accept + "': " + e.getMessage());
        }
        if (chosen == null) {
            throw HttpError.notAcceptable(String.join(", ", offers));
        }
        return chosen.getContentTypeStr();
    }
}
