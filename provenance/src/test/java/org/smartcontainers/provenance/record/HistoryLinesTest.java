package org.smartcontainers.provenance.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/** History lines as the classic builder and BuildKit write them: names kept, values that may be secrets gone. */
class HistoryLinesTest {

    @Test
    void buildArgumentValuesAreTakenOutOfRunSteps() {
        assertEquals("|2 TOKEN= MODE= /bin/sh -c make",
                HistoryLines.withoutValues("|2 TOKEN=s3cr3t MODE=fast /bin/sh -c make"));
        assertEquals("RUN |1 TOKEN= /bin/sh -c make # buildkit",
                HistoryLines.withoutValues("RUN |1 TOKEN=s3cr3t /bin/sh -c make # buildkit"));
        assertEquals("|1 TOKEN= /bin/sh -c make", HistoryLines.withoutValues("|1 TOKEN=two words /bin/sh -c make"),
                "a value with spaces: the command starts at the shell");
    }

    @Test
    void withoutAShellTheCommandIsLeftOutRatherThanAValueKept() {
        String line = HistoryLines.withoutValues("RUN |1 TOKEN=s3cr3t more words make all # buildkit");
        assertFalse(line.contains("s3cr3t") || line.contains("more words"), line);
    }

    @Test
    void envAndArgValuesAreTakenOut() {
        assertEquals("/bin/sh -c #(nop)  ENV A= B=", HistoryLines.withoutValues("/bin/sh -c #(nop)  ENV A=s3cr3t B=x y"));
        assertEquals("ENV PASSWORD=", HistoryLines.withoutValues("ENV PASSWORD=s3cr3t"));
        assertEquals("ARG TOKEN=", HistoryLines.withoutValues("ARG TOKEN=s3cr3t"));
        assertEquals("/bin/sh -c #(nop)  ENV OLD", HistoryLines.withoutValues("/bin/sh -c #(nop)  ENV OLD s3cr3t"));
        assertEquals("ARG NAME", HistoryLines.withoutValues("ARG NAME"));
    }

    @Test
    void otherStepsAreKeptAsTheyAre() {
        for (String line : List.of("/bin/sh -c #(nop) ADD file:abc in / ", "/bin/sh -c #(nop)  CMD [\"sh\"]",
                "RUN /bin/sh -c echo ENV=1 # buildkit", "COPY . /src # buildkit", "/bin/sh -c #(nop)  LABEL a=b")) {
            assertEquals(line, HistoryLines.withoutValues(line));
        }
    }
}
