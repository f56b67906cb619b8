package org.smartcontainers.testsupport;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.junit.jupiter.api.Test;

class ProvValidatorTest {
    private static final String PREFIXES = """
            @prefix prov: <http://www.w3.org/ns/prov#> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            @prefix ex: <http://example.org/> .
            """;

    /** An activity using two entities (one a blank node, like our volumes) and generating a third. */
    private static final String VALID = """
            ex:build a prov:Activity ;
                prov:startedAtTime "2026-01-01T00:00:00Z"^^xsd:dateTime ;
                prov:endedAtTime "2026-01-01T00:01:00Z"^^xsd:dateTime ;
                prov:used ex:base, [ a prov:Entity ] ;
                prov:generated ex:image ;
                prov:wasAssociatedWith ex:docker, ex:sc .
            ex:base a prov:Entity .
            ex:image a prov:Entity ; prov:wasGeneratedBy ex:build ; prov:wasDerivedFrom ex:base .
            ex:docker a prov:SoftwareAgent ; prov:actedOnBehalfOf ex:sc .
            ex:sc a prov:SoftwareAgent .
            """;

    private static Model turtle(String body) {
        Model model = ModelFactory.createDefaultModel();
        model.read(new StringReader(PREFIXES + body), null, "TTL");
        return model;
    }

    private static List<String> fromValidator(List<String> problems) {
        return problems.stream().filter(p -> p.startsWith("[validator]")).toList();
    }

    @Test
    void aValidGraphHasNoProblems() {
        assertEquals(List.of(), ProvValidator.problems(turtle(VALID)));
        assertDoesNotThrow(() -> ProvValidator.assertValid(turtle(VALID)));
    }

    @Test
    void anInvalidationIsMappedAndChecked() {
        String removed = VALID + """
                ex:removal a prov:Activity ;
                    prov:startedAtTime "2026-01-01T00:02:00Z"^^xsd:dateTime ;
                    prov:endedAtTime "2026-01-01T00:02:00Z"^^xsd:dateTime ;
                    prov:used ex:image .
                ex:image prov:wasInvalidatedBy ex:removal .
                """;
        assertEquals(List.of(), ProvValidator.problems(turtle(removed)));
    }

    @Test
    void aRunAssociatedWithItsPlanIsMappedAndChecked() {
        String planned = VALID + """
                ex:plan a prov:Plan, prov:Entity ; prov:wasAttributedTo ex:sc .
                ex:build prov:qualifiedAssociation [ a prov:Association ; prov:agent ex:sc ; prov:hadPlan ex:plan ] .
                """;
        assertEquals(List.of(), ProvValidator.problems(turtle(planned)));
        List<String> noAgent = ProvValidator.problems(turtle(VALID + """
                ex:build prov:qualifiedAssociation [ a prov:Association ; prov:hadPlan ex:plan ] .
                """));
        assertEquals(List.of("[mapping] an association of <http://example.org/build> names no agent"), noAgent);
        List<String> planIsAnActivity = fromValidator(ProvValidator.problems(turtle(planned + """
                ex:plan prov:startedAtTime "2026-01-01T00:00:00Z"^^xsd:dateTime .
                """)));
        assertTrue(planIsAnActivity.stream().anyMatch(p -> p.contains("disjoint types")), "a plan is an entity: " + planIsAnActivity);
    }

    @Test
    void anActivityThatEndsBeforeItStartsIsCaughtByTheTimeCheck() {
        // The validator orders events by relations, never by timestamps: only the helper's own check sees this.
        List<String> problems = ProvValidator.problems(turtle("""
                ex:a a prov:Activity ;
                    prov:startedAtTime "2026-01-01T00:01:00Z"^^xsd:dateTime ;
                    prov:endedAtTime "2026-01-01T00:00:00Z"^^xsd:dateTime .
                """));
        assertEquals(List.of("[time] <http://example.org/a> ends at 2026-01-01T00:00:00Z,"
                + " before it starts at 2026-01-01T00:01:00Z"), problems);
        AssertionError error = assertThrows(AssertionError.class, () -> ProvValidator.assertValid(turtle("""
                ex:a prov:startedAtTime "2026-01-01T00:10:00-01:00"^^xsd:dateTime ;
                    prov:endedAtTime "2026-01-01T00:30:00Z"^^xsd:dateTime .
                """)), "instants compare across time zones, not as text");
        assertTrue(error.getMessage().contains("ends at 2026-01-01T00:30:00Z, before it starts"), error.getMessage());
    }

    @Test
    void anEntityThatIsAlsoAnActivityIsInvalid() {
        assertEquals(List.of("[validator] <http://example.org/x> has disjoint types [Entity, Activity]"),
                ProvValidator.problems(turtle("ex:x a prov:Entity, prov:Activity .")));
        // The same, inferred from how it is used rather than declared.
        assertEquals(List.of("[validator] <http://example.org/x> has disjoint types [Entity, Activity]"),
                ProvValidator.problems(turtle("ex:a prov:used ex:x . ex:x prov:used ex:b .")));
    }

    @Test
    void twoStartTimesForOneActivityConflict() {
        List<String> problems = ProvValidator.problems(turtle("""
                ex:a a prov:Activity ;
                    prov:startedAtTime "2026-01-01T00:01:00Z"^^xsd:dateTime, "2026-01-01T00:02:00Z"^^xsd:dateTime .
                """));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(
                "[validator] conflicting statements about <http://example.org/a>: activity("),
                problems.toString());
    }

    @Test
    void anEntityDerivedFromItselfIsGeneratedBeforeItIsGenerated() {
        // Derivation orders the generations strictly; a cycle needs the generations to be known.
        List<String> problems = ProvValidator.problems(turtle("""
                ex:e1 prov:wasGeneratedBy ex:a1 ; prov:wasDerivedFrom ex:e2 .
                ex:e2 prov:wasGeneratedBy ex:a2 ; prov:wasDerivedFrom ex:e1 .
                """));
        assertTrue(!problems.isEmpty() && problems.stream().allMatch(p -> p.startsWith(
                "[validator] events ordered strictly before themselves: wasGeneratedBy(<http://example.org/e")),
                problems.toString());
    }

    @Test
    void termsTheHelperCannotMapAreReportedNotSkipped() {
        List<String> problems = ProvValidator.problems(turtle("""
                ex:x a prov:Entity, prov:Collection ; prov:has_provenance ex:graph .
                ex:a prov:startedAtTime "yesterday" ; prov:used "a literal" .
                """));
        assertEquals(List.of(
                "[mapping] prov:Collection (1 triples) is not mapped, so not checked",
                "[mapping] prov:startedAtTime of <http://example.org/a> is yesterday: not an xsd:dateTime",
                "[mapping] the object of prov:used on <http://example.org/a> is a literal: a literal"), problems);
        assertEquals(List.of(), fromValidator(problems));
    }
}
