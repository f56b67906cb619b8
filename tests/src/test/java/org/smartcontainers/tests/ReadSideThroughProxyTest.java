package org.smartcontainers.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdfconnection.RDFConnection;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.tests.support.DockerCli;
import org.smartcontainers.tests.support.DockerSocket;
import org.smartcontainers.tests.support.ProxyProcess;

/**
 * What the CLI does through the proxy can be read back over the daemon's own HTTP server: the
 * container as an LDP RDF Source and through SPARQL, with its TDB2 store on disk (the default).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadSideThroughProxyTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final DockerCli direct = DockerCli.direct();
    private ProxyProcess proxy;
    private DockerCli cli;

    @BeforeAll
    void start() {
        proxy = ProxyProcess.start();
        cli = DockerCli.through(proxy);
    }

    @AfterAll
    void stop() {
        proxy.close();
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(proxy.httpUrl() + path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aContainerCreatedWithTheCliIsServedAsLinkedDataAndAnsweredOverSparql() throws Exception {
        String name = cli.name("read");
        try {
            cli.run("create", "--name", name, DockerSocket.BASE_IMAGE, "true").ok();
            String id = direct.run("inspect", "-f", "{{.Id}}", name).ok().out();
            String imageId = direct.run("image", "inspect", "-f", "{{.Id}}", DockerSocket.BASE_IMAGE).ok().out();

            // The record is committed before the CLI saw the answer, so it is there at once.
            Model listing = parse(get("/containers/", "text/turtle"), Lang.TURTLE);
            assertTrue(listing.contains(listing.createResource(proxy.httpUrl() + "/containers/"),
                    listing.createProperty("http://www.w3.org/ns/ldp#contains"),
                    listing.createResource(proxy.httpUrl() + "/containers/" + id)));

            HttpResponse<String> member = get("/containers/" + id, "application/ld+json");
            assertEquals(200, member.statusCode(), member.body());
            Model container = parse(member, Lang.JSONLD);
            assertTrue(container.contains(container.createResource(Vocab.containerIri(id)), Vocab.Prov.wasDerivedFrom,
                    container.createResource(Vocab.imageIri(imageId))), "derived from its image:\n" + member.body());
            assertTrue(container.contains(null, Vocab.Docker.name, name), "the activity that created it, with its name");

            try (RDFConnection sparql = RDFConnection.queryConnect(proxy.httpUrl() + "/sparql");
                    var exec = sparql.query("PREFIX prov: <" + Vocab.PROV_NS + "> PREFIX docker: <" + Vocab.DOCKER_NS
                        + "> SELECT ?image ?name WHERE { ?c prov:wasDerivedFrom ?image; prov:wasGeneratedBy ?a ."
                        + " ?a docker:name ?name FILTER(?c = <" + Vocab.containerIri(id) + ">) }")) {
                QuerySolution row = exec.execSelect().next();
                assertEquals(Vocab.imageIri(imageId), row.getResource("image").getURI());
                assertEquals(name, row.getLiteral("name").getString());
            }
        } finally {
            direct.run("rm", "-f", name);
        }
    }

    private static Model parse(HttpResponse<String> response, Lang lang) {
        Model model = ModelFactory.createDefaultModel();
        RDFParser.create().source(new StringReader(response.body())).lang(lang).base(response.uri().toString()).parse(model);
        return model;
    }
}
