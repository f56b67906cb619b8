package org.smartcontainers.proxy.intercept;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.smartcontainers.config.Agent;
import org.smartcontainers.config.ConfigStore;

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
        this(config, Path.of("/etc/passwd"), hostName());
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

    /** True when {@link #of} answers from memory (the caller's user name was looked up before). */
    boolean knows(Caller caller) {
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

    private static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
