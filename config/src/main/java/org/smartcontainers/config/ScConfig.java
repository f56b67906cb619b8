package org.smartcontainers.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the config store holds: the default person, and optionally one per local user (keyed by
 * uid or user name), for the records of calls made by that user.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ScConfig(Agent agent, Map<String, Agent> users) {
    public static final ScConfig EMPTY = new ScConfig(Agent.NOBODY, Map.of());

    public ScConfig {
        agent = agent == null ? Agent.NOBODY : agent;
        users = users == null ? Map.of() : Map.copyOf(users);
    }

    /** Every agent checked and normalised; the message of the first problem names whose it is. */
    public ScConfig validated() {
        Agent checkedDefault;
        try {
            checkedDefault = agent.validated();
        } catch (ConfigException e) {
            throw new ConfigException("default agent: " + e.getMessage(), e);
        }
        Map<String, Agent> checked = new LinkedHashMap<>();
        users.forEach((user, a) -> {
            if (user == null || user.isBlank() || !user.matches("[A-Za-z0-9._-]+")) {
                throw new ConfigException("'" + user + "' is not a uid or a user name");
            }
            try {
                checked.put(user, a.validated());
            } catch (ConfigException e) {
                throw new ConfigException("agent of user " + user + ": " + e.getMessage(), e);
            }
        });
        return new ScConfig(checkedDefault, checked);
    }

    /** The agent for a local user: theirs by uid, else by name, else the default. */
    public Agent agentFor(int uid, String userName) {
        Agent own = users.get(Integer.toString(uid));
        if (own == null && userName != null) {
            own = users.get(userName);
        }
        return own != null ? own : agent;
    }

    /**
     * Every configured person with their id ({@link Agent#identifiedAfter}), {@code before} being the
     * config this one replaces: each agent is matched with the one in the same place (the default,
     * or the same user's).
     */
    ScConfig identifiedAfter(ScConfig before) {
        Map<String, Agent> identified = new LinkedHashMap<>();
        users.forEach((user, a) -> identified.put(user, a.identifiedAfter(before.users.get(user))));
        return new ScConfig(agent.identifiedAfter(before.agent), identified);
    }

    public ScConfig withAgent(Agent replacement) {
        return new ScConfig(replacement, users);
    }
}
