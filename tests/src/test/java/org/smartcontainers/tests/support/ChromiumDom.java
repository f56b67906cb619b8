package org.smartcontainers.tests.support;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.smartcontainers.testsupport.Clients;
import org.smartcontainers.testsupport.Run;

/** Pages as headless Chromium renders them: their DOM after scripts and parsing, not the bytes we sent. */
public final class ChromiumDom {
    private ChromiumDom() {
    }

    /** The DOM of the page at {@code url}, with a profile of its own. */
    public static String of(String url) {
        Path profile = Paths.scratch("chromium");
        return Run.run(Map.of("HOME", profile.toString()), new byte[0], List.of(Clients.chromium(), "--headless", "--no-sandbox",
                "--disable-gpu", "--user-data-dir=" + profile, "--dump-dom", url)).ok().stdout();
    }

    /** What a reader sees: the text, without markup. */
    public static String text(String dom) {
        return dom.replaceAll("(?s)<style.*?</style>", " ").replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
    }
}
