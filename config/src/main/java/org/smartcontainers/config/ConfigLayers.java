package org.smartcontainers.config;

import java.util.Map;

/**
 * The default agent as it applies: defaults &lt; config file &lt; environment &lt; command line,
 * each layer replacing only the fields it gives. Per-user agents come from the file alone. The
 * environment: {@code SC_AGENT_NAME}, {@code SC_AGENT_GIVEN_NAME}, {@code SC_AGENT_FAMILY_NAME},
 * {@code SC_AGENT_EMAIL}, {@code SC_AGENT_AFFILIATION}, {@code SC_AGENT_HOMEPAGE}, {@code SC_ORCID}.
 */
public final class ConfigLayers {
    private ConfigLayers() {
    }

    /** {@code commandLine}: what flags gave (null fields for flags not given). */
    public static ScConfig resolve(ScConfig file, Map<String, String> env, Agent commandLine) {
        Agent agent = file.agent().overriddenBy(fromEnvironment(env)).overriddenBy(commandLine);
        return file.withAgent(agent).validated();
    }

    static Agent fromEnvironment(Map<String, String> env) {
        return new Agent(env.get("SC_AGENT_NAME"), env.get("SC_AGENT_GIVEN_NAME"), env.get("SC_AGENT_FAMILY_NAME"),
                env.get("SC_AGENT_EMAIL"), env.get("SC_AGENT_AFFILIATION"), env.get("SC_AGENT_HOMEPAGE"),
                env.get("SC_ORCID"));
    }
}
