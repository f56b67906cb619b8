package org.smartcontainers.proxy.daemonview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Go's encoding/json rules the oracle follows (from its scanner, decode.go and their tests). */
class GoJsonReaderTest {
    private static GoJsonValue first(String json) throws GoJsonReader.SyntaxError {
        return GoJsonReader.first(json.getBytes(StandardCharsets.ISO_8859_1)).orElseThrow();
    }

    private static Map<String, String> labels(String body) {
        ContainerConfigLabels.Reading reading = ContainerConfigLabels.read(body.getBytes(StandardCharsets.UTF_8));
        return assertInstanceOf(ContainerConfigLabels.Labels.class, reading).labels();
    }

    @Test
    void stringsDecodeAsGoDoes() throws Exception {
        assertEquals(new GoJsonValue.Str("\uFFFDx"), first("\"\\ud800x\""), "a lone surrogate is U+FFFD");
        assertEquals(new GoJsonValue.Str("\uFFFD\uFFFDA"), first("\"\u00e2\u0082A\""), "each invalid byte is U+FFFD");
        assertEquals(new GoJsonValue.Str("\uD83D\uDE00"), first("\"\\ud83d\\ude00\""));
        assertThrows(GoJsonReader.SyntaxError.class, () -> first("\"a\tb\""), "control characters are refused");
    }

    @Test
    void theDecoderReadsOneValue() throws Exception {
        assertEquals(new GoJsonValue.Num("0"), first("01"), "what follows is the next Decode's");
        assertInstanceOf(GoJsonValue.Obj.class, first("{}garbage"));
        assertThrows(GoJsonReader.SyntaxError.class, () -> GoJsonReader.whole("{}x".getBytes(StandardCharsets.ISO_8859_1)));
        assertThrows(GoJsonReader.SyntaxError.class, () -> first("[01]"));
        String deepest = "[".repeat(GoJsonReader.MAX_NESTING) + "]".repeat(GoJsonReader.MAX_NESTING);
        assertInstanceOf(GoJsonValue.Arr.class, first(deepest));
        assertThrows(GoJsonReader.SyntaxError.class, () -> first("[" + deepest + "]"));
    }

    @Test
    void labelsAreTheFieldGoMatchesAndTheMapItFills() {
        assertEquals(Map.of("a", "1", "b", "2"), labels("{\"Labels\":{\"a\":\"1\"},\"LABELſ\":{\"b\":\"2\"}}"),
                "the long s folds to s; a second object decodes into the same map");
        assertEquals(null, labels("{\"Labels\":{\"a\":\"1\"},\"labels\":null}"), "null sets the map to nil");
        assertEquals(Map.of("a", "1"), labels("{\"Labels\":{\"a\":\"1\"},\"\u0131abels\":{\"b\":\"2\"}}"),
                "dotless i is an orbit of its own");
        assertEquals(Map.of("k", ""), labels("{\"Labels\":{\"k\":null}}"));
        assertInstanceOf(ContainerConfigLabels.Refused.class,
                ContainerConfigLabels.read("{\"Labels\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
