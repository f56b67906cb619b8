package org.smartcontainers.provenance.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.junit.jupiter.api.Test;
import org.smartcontainers.docker.DockerClient.Change;
import org.smartcontainers.provenance.Vocab;

/** A commit's changes are recorded without the values of the variables they set: those are often secrets. */
class ContainerCommitTest {
    private static String recorded(String change, List<String> names) {
        return ContainerCommit.withoutValues(change, '\\', names);
    }

    @Test
    void envValuesAreNeverRecordedOnlyTheirNames() {
        List<String> names = new ArrayList<>();
        assertEquals("ENV TOKEN (values not recorded)", recorded("ENV TOKEN=hunter2", names));
        assertEquals("env A B (values not recorded)", recorded("env A=\"x y\" B=z", names));
        assertEquals("ENV OLD (values not recorded)", recorded("ENV OLD some secret value", names));
        assertEquals("ONBUILD ENV KEY (values not recorded)", recorded("ONBUILD ENV KEY=s3cr3t", names));
        assertEquals(List.of("TOKEN", "A", "B", "OLD", "KEY"), names);
        assertEquals("LABEL x=y", recorded("LABEL x=y", names), "other instructions as they were");
        assertEquals("CMD [\"sh\"]", recorded("CMD [\"sh\"]", names));
    }

    /** The old form's value is the rest of the line, '=' and all; a quoted word is one word. */
    @Test
    void aValueHoldingAnEqualsSignIsNoName() {
        List<String> names = new ArrayList<>();
        assertEquals("ENV TOKEN (values not recorded)", recorded("ENV TOKEN c2VjcmV0LXRva2VuLUFBQUE==", names));
        assertEquals("ENV PASS (values not recorded)", recorded("ENV PASS \"x y=z\"", names));
        assertEquals("ENV A B (values not recorded)", recorded("ENV A='p q=r' \"B\"=s\\ t=u", names));
        assertEquals(List.of("TOKEN", "PASS", "A", "B"), names);
    }

    /** Docker parses all the changes as one Dockerfile: an instruction goes on over a line continuation. */
    @Test
    void changesAreRecordedInstructionByInstructionAsDockerParsesThem() {
        Map<String, List<String>> query = Map.of("changes", List.of("ENV API_KEY=\\\nsekrit-444", "ENV \\\n  DB_PASSWORD=sekrit-555",
                "LABEL a=1 \\\n\n# a comment\n  b=2", "ENV OLD c2Vj==\nENV \\\n\n"));
        Model record = ContainerCommit.start(query, null, null, Instant.EPOCH, new Agents("1.0", "26.1")).known();
        String recorded = record.listObjectsOfProperty(Vocab.Docker.change).toList().toString()
                + record.listObjectsOfProperty(Vocab.Docker.environmentVariable).toList();
        assertFalse(recorded.contains("sekrit") || recorded.contains("c2Vj"), recorded);
        assertEquals(Set.of("ENV API_KEY (values not recorded)", "ENV DB_PASSWORD (values not recorded)",
                "LABEL a=1   b=2", "ENV OLD (values not recorded)", "ENV (values not recorded)"), strings(record, Vocab.Docker.change));
        assertEquals(Set.of("API_KEY", "DB_PASSWORD", "OLD"), strings(record, Vocab.Docker.environmentVariable));
    }

    /** An escape directive at the top makes the backtick the continuation. */
    @Test
    void theEscapeDirectiveIsHonoured() {
        DockerfileInstructions parsed = DockerfileInstructions.parse("# escape=`\nENV K=`\nsekrit\nENV L=a\\\nCMD x");
        assertEquals('`', parsed.escape());
        assertEquals(List.of("ENV K=sekrit", "ENV L=a\\", "CMD x"), parsed.instructions());
        List<String> names = new ArrayList<>();
        assertEquals("ENV K (values not recorded)", ContainerCommit.withoutValues(parsed.instructions().get(0), '`', names));
    }

    private static Set<String> strings(Model model, org.apache.jena.rdf.model.Property property) {
        return model.listObjectsOfProperty(property).mapWith(node -> node.asLiteral().getString()).toSet();
    }

    @Test
    void aCommitRecordsHowManyPathsChangedOfEachKindAndTheFirstInPathOrder() {
        ActivityRecord record = ContainerCommit.start(Map.of(), "c1", null, Instant.EPOCH, new Agents("1", "26"));
        List<String> added = IntStream.range(0, 25).mapToObj(i -> "/data/f" + (char) ('z' - i)).toList();
        FileChanges changes = new FileChanges();
        added.forEach(path -> changes.accept(new Change(path, Change.Kind.ADDED)));
        changes.accept(new Change("/etc", Change.Kind.MODIFIED));
        ContainerCommit.changed(record, changes);
        Model learned = record.learned();
        Resource activity = record.activityLearned();
        assertEquals(25, activity.getProperty(Vocab.Docker.pathsAdded).getInt());
        assertEquals(1, activity.getProperty(Vocab.Docker.pathsModified).getInt());
        assertEquals(0, activity.getProperty(Vocab.Docker.pathsDeleted).getInt());
        Set<String> kept = learned.listObjectsOfProperty(activity, Vocab.Docker.addedPath).mapWith(RDFNode::toString).toSet();
        assertEquals(Set.copyOf(added.stream().sorted().limit(FileChanges.PATHS_KEPT).toList()), kept,
                "the first 20 in path order, not in the daemon's order");
        assertTrue(learned.contains(activity, Vocab.Docker.modifiedPath, "/etc"));
        assertFalse(record.known().contains(null, Vocab.Docker.pathsAdded), "what the daemon told is not in the label");
    }

    @Test
    void ofAnyNumberOfChangesOnlyTheFirstInPathOrderAreHeld() {
        FileChanges changes = new FileChanges();
        int count = 200_000;
        for (int i = 0; i < count; i++) {
            changes.accept(new Change("/data/f" + ((i * 7919L) % count), Change.Kind.DELETED));
        }
        assertEquals(count, changes.count(Change.Kind.DELETED));
        assertEquals(0, changes.count(Change.Kind.ADDED));
        List<String> expected = java.util.stream.IntStream.range(0, count).mapToObj(i -> "/data/f" + i).sorted()
                .limit(FileChanges.PATHS_KEPT).toList();
        assertEquals(expected, changes.firstPaths(Change.Kind.DELETED));
        assertEquals(List.of(), changes.firstPaths(Change.Kind.MODIFIED));
    }
}
