package org.smartcontainers.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class FailuresTest {
    @Test
    void aFailureIsSaidInWordsWithoutItsJavaType() {
        assertEquals("there is no such file: /x/q.rq", Failures.describe(new NoSuchFileException("/x/q.rq")));
        assertEquals("permission denied: /x/token", Failures.describe(new AccessDeniedException("/x/token")));
        assertEquals("Broken pipe", Failures.describe(new IOException("Broken pipe\n\tat somewhere")));
        assertEquals("there is no such file: /y", Failures.describe(new IllegalStateException(new NoSuchFileException("/y"))),
                "a wrapper's message is its cause's type and message: the cause is said instead");
        assertEquals("an unexpected failure (the log has its details)", Failures.describe(new NullPointerException()));
    }
}
