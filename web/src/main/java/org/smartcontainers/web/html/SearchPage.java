package org.smartcontainers.web.html;

import static org.smartcontainers.web.html.HtmlPage.escape;
import static org.smartcontainers.web.html.HtmlPage.link;

import java.util.List;
import org.smartcontainers.web.resources.Kind;

/** What a search found, when it is not one resource (that one is a redirect). */
public final class SearchPage {
    /** A resource found: its kind, its page, what it is called. */
    public record Found(Kind kind, String url, String title) {
    }

    private SearchPage() {
    }

    public static byte[] render(String text, List<Found> found, String base) {
        HtmlPage page = new HtmlPage("Search: " + text, base);
        if (found.isEmpty()) {
            return page.paragraph("Nothing found for “" + text + "”. Try a name or tag (team/tool:1.0), a short or full ID, "
                    + "a person's name or ORCID iD.").bytes();
        }
        StringBuilder table = new StringBuilder("<p>").append(found.size()).append(" found.</p><table class=\"list\"><tr>"
                + "<th>Kind</th><th>Found</th></tr>");
        for (Found f : found) {
            String kind = f.kind().title();
            table.append("<tr><td>").append(escape(kind.substring(0, kind.length() - 1).replace("Activitie", "Activity")))
                    .append("</td><td>").append(link(f.url(), f.title())).append("</td></tr>");
        }
        return page.raw(table.append("</table>").toString()).bytes();
    }
}
