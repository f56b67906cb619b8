package org.smartcontainers.web.html;

import java.nio.charset.StandardCharsets;
import org.smartcontainers.web.resources.Kind;

/** A page for people: a title, the navigation, sections; everything written through {@link #escape}. */
public final class HtmlPage {
    /**
     * Readable from a phone to a wide screen: long IRIs, IDs and values wrap rather than widen the page, the table
     * of all statements keeps to the page's width, and on a narrow screen a list's rows stack their cells.
     */
    private static final String STYLE = "*{box-sizing:border-box}body{font-family:system-ui,sans-serif;margin:1em auto;"
            + "max-width:70em;padding:0 1em;color:#222;line-height:1.4}"
            + "nav{display:flex;flex-wrap:wrap;align-items:center;gap:.3em 1em}"
            + "form.search{display:flex;gap:.3em;margin-left:auto}form.search input{width:18em;max-width:100%}"
            + "form.filters label{display:inline-block;margin:0 .8em .3em 0}"
            + "table{border-collapse:collapse;margin:.5em 0;max-width:100%}"
            + "td,th{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top;"
            + "overflow-wrap:anywhere;word-break:break-word}"
            + "table.statements{table-layout:fixed;width:100%}table.statements th:nth-child(1){width:28%}"
            + "table.statements th:nth-child(2){width:20%}table.statements th:nth-child(4){width:14%}"
            + "code{font-size:.9em}.iri{color:#666;font-size:.85em;overflow-wrap:anywhere}ol.chain li{margin:.3em 0}"
            + ".claim{color:#8a4b00;font-style:italic}"
            + "@media (max-width:40em){body{padding:0 .5em}form.search{margin-left:0;width:100%}form.search input{flex:1}"
            + "table.list tr:first-child{display:none}table.list tr{display:block;border-bottom:1px solid #ddd;padding:.3em 0}"
            + "table.list td{display:block;border:0;padding:.1em .3em}"
            + "table.statements,table.statements tr,table.statements td,table.statements th{font-size:.9em}}";
    private final StringBuilder html = new StringBuilder();

    public HtmlPage(String title, String base) {
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").append(escape(title))
                .append(" · SmartContainers</title><style>").append(STYLE).append("</style></head><body><nav>")
                .append(link(base + "/", "Home"));
        for (Kind kind : Kind.values()) {
            html.append(link(base + kind.containerPath(), kind.title()));
        }
        html.append(link(base + "/sparql", "SPARQL")).append("<form class=\"search\" role=\"search\" method=\"get\" action=\"")
                .append(escape(base + "/search")).append("\"><input type=\"search\" name=\"q\" aria-label=\"Search\" "
                + "placeholder=\"Name, tag, ID, person or ORCID iD\"> <button>Search</button></form></nav><h1>").append(escape(title)).append("</h1>");
    }

    public HtmlPage heading(String text) {
        html.append("<h2>").append(escape(text)).append("</h2>");
        return this;
    }

    public HtmlPage paragraph(String text) {
        html.append("<p>").append(escape(text)).append("</p>");
        return this;
    }

    /** Appends markup the caller built with {@link #escape} and {@link #link}. */
    public HtmlPage raw(String markup) {
        html.append(markup);
        return this;
    }

    public byte[] bytes() {
        return (html + "</body></html>").getBytes(StandardCharsets.UTF_8);
    }

    public static String link(String href, String text) {
        return "<a href=\"" + escape(href) + "\">" + escape(text) + "</a>";
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
