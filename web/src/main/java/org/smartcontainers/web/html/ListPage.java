package org.smartcontainers.web.html;

import static org.smartcontainers.web.html.HtmlPage.escape;
import static org.smartcontainers.web.html.HtmlPage.link;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.smartcontainers.web.resources.Kind;

/** A container's page for people: its members as a table of what they are looked for by, and the paging links. */
public final class ListPage {
    /** A person (or other agent) as a list names them: their page, their name, their ORCID iD if they have one. */
    public record Person(String pageUrl, String name, String orcid) {
    }

    /**
     * One member as listed: where its page is, what it is called (its names, else a short ID), the activity that
     * made it (or, for an activity, itself), when, who, the outcome, and, for a container, its image.
     */
    public record Listed(String url, String shortId, List<String> names, String activityUrl, String activityKind,
            String time, List<Person> who, String outcome, String imageUrl, String imageTitle) {
    }

    /** The page's place: total members, this page, the last, and the links by relation (first, prev, next, last). */
    public record Paging(long total, int page, long lastPage, Map<String, String> links) {
    }

    private ListPage() {
    }

    /** {@code filters}: the filters given (shown in the form; agents have none), else empty. */
    public static byte[] render(Kind kind, List<Listed> members, Paging paging, Map<String, String> filters, String base) {
        HtmlPage page = new HtmlPage(kind.title(), base);
        if (kind != Kind.AGENTS) {
            page.raw(filterForm(filters, base + kind.containerPath()));
        }
        page.paragraph(paging.total() + (filters.isEmpty() ? " in all" : " found") + (kind == Kind.AGENTS ? "" : ", newest first")
                + (paging.lastPage() > 1 ? "; page " + paging.page() + " of " + paging.lastPage() : "") + ".");
        StringBuilder table = new StringBuilder("<table class=\"list\"><tr>");
        columns(kind).forEach(c -> table.append("<th>").append(escape(c)).append("</th>"));
        table.append("</tr>");
        for (Listed member : members) {
            table.append("<tr>");
            cells(kind, member).forEach(c -> table.append("<td>").append(c).append("</td>"));
            table.append("</tr>");
        }
        page.raw(table.append("</table>").toString());
        page.raw(navigation(paging.links()));
        return page.bytes();
    }

    private static List<String> columns(Kind kind) {
        return switch (kind) {
            case IMAGES -> List.of("Image", "Made by", "When", "Who");
            case CONTAINERS -> List.of("Container", "Image", "Created", "Who");
            case ACTIVITIES -> List.of("Activity", "When", "Who", "Outcome");
            case AGENTS -> List.of("Agent");
        };
    }

    private static List<String> cells(Kind kind, Listed member) {
        String title = link(member.url(), member.names().isEmpty() ? member.shortId() : String.join(", ", member.names()));
        String made = member.activityUrl() == null ? "" : link(member.activityUrl(), member.activityKind());
        String when = member.time() == null ? "" : escape(readableTime(member.time()));
        String who = member.who().stream().map(ListPage::person).collect(Collectors.joining(", "));
        return switch (kind) {
            case IMAGES -> List.of(title, made, when, who);
            case CONTAINERS -> List.of(title, member.imageUrl() == null ? "" : link(member.imageUrl(), member.imageTitle()), when, who);
            case ACTIVITIES -> List.of(link(member.url(), member.activityKind()) + " <span class=\"iri\">"
                    + escape(member.shortId()) + "</span>", when, who, member.outcome() == null ? "" : escape(member.outcome()));
            case AGENTS -> List.of(member.names().isEmpty() ? title : link(member.url(), member.names().get(0))
                    + (member.who().isEmpty() || member.who().get(0).orcid() == null ? "" : " " + orcid(member.who().get(0))));
        };
    }

    /** A person's name linked to their page, and their ORCID iD linked to ORCID. */
    static String person(Person person) {
        return link(person.pageUrl(), person.name()) + (person.orcid() == null ? "" : " " + orcid(person));
    }

    private static String orcid(Person person) {
        return "<a class=\"orcid\" href=\"" + escape(person.orcid()) + "\">ORCID "
                + escape(person.orcid().substring(person.orcid().lastIndexOf('/') + 1)) + "</a>";
    }

    /** {@code 2026-11-27T10:15:30.123456Z} as {@code 2026-11-27 10:15:30Z}: seconds are what people compare. */
    static String readableTime(String lexical) {
        return lexical.replaceFirst("^(\\d{4}-\\d\\d-\\d\\d)T(\\d\\d:\\d\\d:\\d\\d)(\\.\\d+)?", "$1 $2");
    }

    private static String navigation(Map<String, String> links) {
        if (links.isEmpty()) {
            return "";
        }
        StringBuilder nav = new StringBuilder("<p class=\"paging\">");
        for (var rel : List.of(Map.entry("first", "first"), Map.entry("prev", "previous"), Map.entry("next", "next"),
                Map.entry("last", "last"))) {
            String target = links.get(rel.getKey());
            if (target != null) {
                nav.append("<a rel=\"").append(rel.getKey()).append("\" href=\"").append(escape(target)).append("\">")
                        .append(rel.getValue()).append("</a> ");
            }
        }
        return nav.append("</p>").toString();
    }

    private static String filterForm(Map<String, String> given, String action) {
        StringBuilder form = new StringBuilder("<form class=\"filters\" method=\"get\" action=\"").append(escape(action)).append("\">");
        for (var field : List.of(Map.entry("kind", "Kind (ImageBuild…)"), Map.entry("person", "Person (name or ORCID iD)"),
                Map.entry("outcome", "Outcome (success, failure…)"), Map.entry("since", "Since (2026-11-27)"),
                Map.entry("until", "Until"))) {
            form.append("<label>").append(escape(field.getValue())).append(" <input name=\"").append(field.getKey())
                    .append("\" value=\"").append(escape(given.getOrDefault(field.getKey(), ""))).append("\"></label> ");
        }
        return form.append("<button>Filter</button></form>").toString();
    }
}
