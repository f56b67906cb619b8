package org.smartcontainers.tests.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The queries {@code docs/queries.md} documents, as written there: tests run that exact text. */
public final class DocumentedQueries {
    private DocumentedQueries() {
    }

    /**
     * The query under the heading {@code ## heading}, with each example value (a key of
     * {@code replacements}, which must be in the text) replaced by the test's own.
     */
    public static String query(String heading, Map<String, String> replacements) {
        String doc;
        try {
            doc = Files.readString(Paths.repo().resolve("docs/queries.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher block = Pattern.compile("## " + Pattern.quote(heading) + "\\n.*?```sparql\\n(.*?)```", Pattern.DOTALL)
                .matcher(doc);
        assertTrue(block.find(), "docs/queries.md gives the query \"" + heading + "\"");
        String query = block.group(1);
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            assertTrue(query.contains(replacement.getKey()), "\"" + heading + "\" holds " + replacement.getKey());
            query = query.replace(replacement.getKey(), replacement.getValue());
        }
        return query;
    }
}
