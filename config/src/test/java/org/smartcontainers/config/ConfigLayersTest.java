package org.smartcontainers.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLayersTest {
    private static final ScConfig FILE = new ScConfig(new Agent("From File", null, null, "file@example.org",
            "File University", null, "0000-0002-1825-0097"), Map.of("alice", new Agent("Alice", null, null, null, null, null, null)));

    @Test
    void eachLayerReplacesOnlyTheFieldsItGives() {
        Map<String, String> env = Map.of("SC_AGENT_EMAIL", "env@example.org", "SC_AGENT_NAME", "From Env");
        Agent flags = new Agent("From Flags", null, null, null, null, null, null);
        Agent agent = ConfigLayers.resolve(FILE, env, flags).agent();
        assertEquals("From Flags", agent.name(), "command line over environment over file");
        assertEquals("env@example.org", agent.email(), "environment over file");
        assertEquals("File University", agent.affiliation(), "the file where nothing else says");
        assertEquals("https://orcid.org/0000-0002-1825-0097", agent.orcid());
        assertEquals("Alice", ConfigLayers.resolve(FILE, env, flags).agentFor(1000, "alice").name(), "per-user agents stay");
    }

    @Test
    void withNothingAnywhereTheAgentIsEmpty() {
        assertTrue(ConfigLayers.resolve(ScConfig.EMPTY, Map.of(), Agent.NOBODY).agent().isEmpty());
    }

    @Test
    void anInvalidValueFromTheEnvironmentIsRefusedSayingWhichField() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLayers.resolve(FILE, Map.of("SC_ORCID", "1234"), Agent.NOBODY));
        assertTrue(e.getMessage().contains("not an ORCID iD"), e.getMessage());
    }
}
