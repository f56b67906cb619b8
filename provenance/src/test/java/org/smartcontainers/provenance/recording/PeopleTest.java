package org.smartcontainers.provenance.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartcontainers.config.Agent;
import org.smartcontainers.config.ConfigStore;
import org.smartcontainers.config.ScConfig;

class PeopleTest {
    @TempDir
    Path dir;

    private People people(ScConfig config) throws Exception {
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\nalice:x:1001:1001::/home/alice:/bin/sh\n");
        ConfigStore store = ConfigStore.open(dir.resolve("config"), Map.of(), Agent.NOBODY);
        store.replace(config);
        return new People(store, passwd, "lab1");
    }

    private static Agent named(String name) {
        return new Agent(name, null, null, null, null, null, null);
    }

    @Test
    void eachCallerGetsTheirOwnPersonByUidThenUserNameElseTheDefault() throws Exception {
        People people = people(new ScConfig(named("Default"), Map.of("alice", named("Alice"), "1002", named("Bob"))));
        assertEquals("Alice", people.of(new Caller(1001)).agent().name(), "by user name from the passwd file");
        assertEquals("alice@lab1", people.of(new Caller(1001)).account());
        assertEquals("Bob", people.of(new Caller(1002)).agent().name(), "by uid, with no passwd entry");
        assertEquals("uid 1002@lab1", people.of(new Caller(1002)).account());
        assertEquals("Default", people.of(new Caller(0)).agent().name());
        assertEquals("Default", people.of(Caller.UNKNOWN).agent().name(), "an unknown caller gets the default");
        assertNull(people.of(Caller.UNKNOWN).account());
    }

    @Test
    void withNoConfigStoreTheAccountIsAllThereIs() {
        People.Person person = new People(null, dir.resolve("none"), "lab1").of(new Caller(7));
        assertTrue(person.agent().isEmpty());
        assertEquals("uid 7@lab1", person.account());
    }

    private static Agent person(String name, String email) {
        return new Agent(name, null, null, email, null, null, null);
    }

    @Test
    void aCommitAuthorNamesAConfiguredPersonByEmailElseByExactNameAndNeverAGuess() throws Exception {
        People people = people(new ScConfig(person("Jane Doe", "jane@example.org"),
                Map.of("alice", person("Alice Liddell", "alice@example.org"), "bob", person("Bob", null),
                        "bob2", person("Bob", "bob2@example.org"))));
        assertEquals("Jane Doe", people.named("Someone Else <JANE@example.org>").orElseThrow().name(),
                "the e-mail address decides, case aside");
        assertEquals("Alice Liddell", people.named("alice@example.org").orElseThrow().name(), "an address alone");
        assertEquals("Alice Liddell", people.named("  Alice Liddell  ").orElseThrow().name(), "a name alone");
        assertEquals("Jane Doe", people.named("Jane Doe <>").orElseThrow().name(), "an empty address: the name");
        assertTrue(people.named("Bob").isEmpty(), "two people named Bob: neither");
        assertTrue(people.named("alice liddell").isEmpty(), "names match exactly");
        assertTrue(people.named("Nobody <nobody@example.org>").isEmpty());
        assertTrue(people.named("").isEmpty());
        assertTrue(people.named(null).isEmpty());
        assertTrue(new People(null, dir.resolve("none"), "lab1").named("Jane Doe").isEmpty(), "no config store");
    }

    @Test
    void twoPeopleOfOneNameAreTwoEvenWithNothingElseToTellThemApartAndOnePersonInTwoPlacesIsOne() throws Exception {
        Agent carol = new Agent("8a1f3c2e-5b4d-4e6f-9a0b-1c2d3e4f5a6b", "Carol", null, null, null, null, null, null);
        People people = people(new ScConfig(Agent.NOBODY, Map.of("1002", named("Dave"), "1003", named("Dave"),
                "1004", carol, "carol", carol)));
        assertTrue(people.named("Dave").isEmpty(), "each Dave has an id of his own: two people, so neither");
        assertEquals(carol.id(), people.named("Carol").orElseThrow().id(), "Carol by uid and by user name: one person");
    }
}
