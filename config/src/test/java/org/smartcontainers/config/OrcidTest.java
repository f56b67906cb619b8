package org.smartcontainers.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OrcidTest {
    @Test
    void validIdsAreKeptAsTheirIri() {
        assertEquals("https://orcid.org/0000-0002-1825-0097", Orcid.parse("0000-0002-1825-0097").iri());
        assertEquals("https://orcid.org/0000-0001-5109-3700", Orcid.parse(" 0000-0001-5109-3700 ").iri());
        assertEquals("0000-0002-1825-0097", Orcid.parse("0000-0002-1825-0097").id());
    }

    @Test
    void theIriFormsAreAccepted() {
        for (String form : new String[] {"https://orcid.org/0000-0002-1825-0097", "http://orcid.org/0000-0002-1825-0097",
                "https://www.orcid.org/0000-0002-1825-0097"}) {
            assertEquals("https://orcid.org/0000-0002-1825-0097", Orcid.parse(form).iri(), form);
        }
    }

    @Test
    void anXCheckDigitIsValid() {
        assertEquals("https://orcid.org/0000-0002-1694-233X", Orcid.parse("0000-0002-1694-233X").iri());
        assertEquals("https://orcid.org/0000-0002-1694-233X", Orcid.parse("0000-0002-1694-233x").iri(), "lower case x");
        assertEquals('X', Orcid.checkDigit("000000021694233"));
    }

    @Test
    void aWrongCheckDigitIsRefusedWithTheDigitExpected() {
        ConfigException e = assertThrows(ConfigException.class, () -> Orcid.parse("0000-0002-1825-0098"));
        assertTrue(e.getMessage().contains("check digit is 8") && e.getMessage().contains("need 7"), e.getMessage());
        assertThrows(ConfigException.class, () -> Orcid.parse("0000-0002-1694-2330"), "0 where X is due");
        assertThrows(ConfigException.class, () -> Orcid.parse("0000-0002-1825-009X"), "X where 7 is due");
    }

    @Test
    void badFormsAreRefusedSayingWhatAnIdLooksLike() {
        for (String bad : new String[] {"0000-0002-1825-009", "0000000218250097", "0000-0002-1825-0097-1", "abcd-0002-1825-0097",
                "0000-0002-1825-X097", "https://example.org/0000-0002-1825-0097", "orcid:0000-0002-1825-0097"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> Orcid.parse(bad), bad);
            assertTrue(e.getMessage().contains("four groups of four digits"), e.getMessage());
        }
        assertTrue(assertThrows(ConfigException.class, () -> Orcid.parse("  ")).getMessage().contains("empty"));
        assertThrows(ConfigException.class, () -> Orcid.parse(null));
    }
}
