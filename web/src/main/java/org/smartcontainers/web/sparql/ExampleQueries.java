package org.smartcontainers.web.sparql;

import java.util.List;

/**
 * The example queries the SPARQL page offers: questions from docs/queries.md, as written there (a test
 * holds them to that text, which tests in {@code tests} run against real records).
 */
final class ExampleQueries {
    /** {@code title}: the heading in docs/queries.md. */
    record Example(String title, String query) {
    }

    static final List<Example> ALL = List.of(
            new Example("Who built image X", """
                    PREFIX prov: <http://www.w3.org/ns/prov#>
                    PREFIX docker: <http://w3id.org/daspos/docker#>
                    PREFIX sc: <https://w3id.org/daspos/smartcontainers#>
                    PREFIX foaf: <http://xmlns.com/foaf/0.1/>
                    SELECT DISTINCT ?build ?started ?person ?name ?recorder ?recorderVersion ?engine ?engineVersion ?host WHERE {
                      VALUES ?id { "sha256:X" }
                      ?x a docker:Image; docker:id ?id .
                      ?build a docker:ImageBuild; prov:generated|docker:reusedImage ?x; prov:startedAtTime ?started .
                      OPTIONAL { ?build prov:qualifiedAssociation [ prov:agent ?person; prov:hadRole sc:requester ] .
                                 OPTIONAL { ?person foaf:name ?name } }
                      ?build prov:qualifiedAssociation [ prov:agent ?recorder; prov:hadRole sc:recorder ] .
                      ?recorder sc:version ?recorderVersion .
                      ?build prov:qualifiedAssociation [ prov:agent ?engine; prov:hadRole docker:engine ] .
                      OPTIONAL { ?engine docker:version ?engineVersion }
                      OPTIONAL { ?engine docker:host ?host }
                    }
                    ORDER BY ?started
                    """),
            new Example("The bases of image X, transitively", """
                    PREFIX prov: <http://www.w3.org/ns/prov#>
                    PREFIX docker: <http://w3id.org/daspos/docker#>
                    SELECT DISTINCT ?base ?baseId WHERE {
                      VALUES ?id { "sha256:X" }
                      ?x a docker:Image; docker:id ?id; prov:wasDerivedFrom+ ?base .
                      ?base a docker:Image; docker:id ?baseId .
                    }
                    """),
            new Example("Which builds failed, and why", """
                    PREFIX prov: <http://www.w3.org/ns/prov#>
                    PREFIX docker: <http://w3id.org/daspos/docker#>
                    PREFIX sc: <https://w3id.org/daspos/smartcontainers#>
                    SELECT DISTINCT ?build ?started ?message WHERE {
                      ?build a docker:ImageBuild; sc:outcome "failure"; prov:startedAtTime ?started .
                      OPTIONAL { ?build sc:errorMessage ?message }
                    }
                    ORDER BY DESC(?started)
                    """));

    private ExampleQueries() {
    }
}
