package org.smartcontainers.web.html;

import java.nio.charset.StandardCharsets;
import org.smartcontainers.web.resources.Kind;

/** A page for people: a title, the navigation, sections; everything written through {@link #escape}. */
public final class HtmlPage {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:70em;"
            + "padding:0 1em;color:#222}nav a{margin-right:1em}table{border-collapse:collapse;margin:.5em 0}"
            + "td,th{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}"
            + "code{font-size:.9em}.iri{color:#666;font-size:.85em}ol.chain li{margin:.3em 0}"
            + ".claim{color:#8a4b00;font-style:italic}";
    private final StringBuilder html = new StringBuilder();

    public HtmlPage(String title, String base) {
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
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
