package org.smartcontainers.provenance.recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.smartcontainers.config.Agent;
import org.smartcontainers.config.ConfigStore;
import org.smartcontainers.config.ScConfig;
import org.smartcontainers.provenance.ThisHost;

/**
 * The person a call is made for: the config store's agent for the caller's uid or user name, else
 * its default agent. The caller's account ({@code user@host}) goes with them, and names them when
 * the config store names nobody.
 */
public final class People {
    private final ConfigStore config;
    private final String host;
    private final Path passwd;
    private final Map<Integer, String> userNames = new ConcurrentHashMap<>();

    /** {@code config} null: nobody is configured; callers are named by their account alone. */
    public People(ConfigStore config) {
        this(config, Path.of("/etc/passwd"), ThisHost.name());
    }

    People(ConfigStore config, Path passwd, String host) {
        this.config = config;
        this.passwd = passwd;
        this.host = host;
    }

    public record Person(Agent agent, String account) {
    }

    public Person of(Caller caller) {
        if (!caller.known()) {
            return new Person(config == null ? Agent.NOBODY : config.effective().agent(), null);
        }
        String user = userName(caller.uid()).orElse(null);
        Agent agent = config == null ? Agent.NOBODY : config.effective().agentFor(caller.uid(), user);
        return new Person(agent, (user != null ? user : "uid " + caller.uid()) + "@" + host);
    }

    /**
     * The configured person a commit's {@code author} names ({@code Name <email>}, a name or an
     * e-mail address, as {@code docker commit -a} takes it): by e-mail address (case aside), else by
     * the exact name; empty when it names nobody, or more than one person.
     */
    public Optional<Agent> named(String author) {
        if (config == null || author == null || author.isBlank()) {
            return Optional.empty();
        }
        String text = author.strip();
        int open = text.lastIndexOf('<');
        int close = text.lastIndexOf('>');
        String email = open >= 0 && close > open ? text.substring(open + 1, close).strip()
                : text.contains("@") && !text.contains(" ") ? text : null;
        String name = open >= 0 ? text.substring(0, open).strip() : email == null ? text : null;
        ScConfig known = config.effective();
        List<Agent> everyone = Stream.concat(Stream.of(known.agent()), known.users().values().stream())
                .filter(agent -> !agent.isEmpty()).distinct().toList();
        List<Agent> byEmail = email == null || email.isEmpty() ? List.of()
                : everyone.stream().filter(agent -> email.equalsIgnoreCase(agent.email())).toList();
        if (!byEmail.isEmpty()) {
            return byEmail.size() == 1 ? Optional.of(byEmail.get(0)) : Optional.empty();
        }
        List<Agent> byName = name == null || name.isEmpty() ? List.of()
                : everyone.stream().filter(agent -> name.equals(agent.name())).toList();
        return byName.size() == 1 ? Optional.of(byName.get(0)) : Optional.empty();
    }

    /** True when {@link #of} answers from memory (the caller's user name was looked up before). */
    public boolean knows(Caller caller) {
        return !caller.known() || userNames.containsKey(caller.uid());
    }

    /** From the local passwd file (a network directory's users stay known by uid), remembered. */
    private Optional<String> userName(int uid) {
        String cached = userNames.get(uid);
        if (cached != null) {
            return Optional.of(cached).filter(name -> !name.isEmpty());
        }
        String found = "";
        try (Stream<String> lines = Files.lines(passwd)) {
            found = lines.map(line -> line.split(":", -1))
                    .filter(fields -> fields.length > 2 && fields[2].equals(Integer.toString(uid)))
                    .map(fields -> fields[0]).findFirst().orElse("");
        } catch (IOException | UncheckedIOException e) {
            // unreadable: the uid alone names the account
        }
        userNames.put(uid, found);
        return Optional.of(found).filter(name -> !name.isEmpty());
    }
}
