package org.smartcontainers.tests.support;

import org.apache.jena.rdf.model.Resource;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.testsupport.RawHttp;

/** What a proxy's store holds, asked through its extension API: records of calls, and text anywhere in it. */
public record RecordedCalls(ScApi api) {
    public static RecordedCalls of(ProxyProcess proxy) {
        return new RecordedCalls(ScApi.of(proxy));
    }

    /** True when an activity of this type is recorded as having generated the entity ({@link Vocab#containerIri}, {@link Vocab#imageIri}). */
    public boolean generated(Resource activityType, String entityIri) {
        return api.ask("ASK { ?a a <" + activityType.getURI() + ">; <" + Vocab.PROV_NS + "generated> <" + entityIri + "> }");
    }

    /** The same, polled for up to 30 s: a BuildKit build's record is written as its gRPC calls end, after the client returns. */
    public boolean generatedEventually(Resource activityType, String entityIri) {
        for (int i = 0; i < 300 && !generated(activityType, entityIri); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return generated(activityType, entityIri);
    }

    /** True when the IRI is a subject or an object in any graph of the store, the default one included. */
    public boolean mentions(String iri) {
        String node = "<" + iri + ">";
        return api.ask("ASK { { " + node + " ?p ?o } UNION { ?s ?p " + node + " } UNION { GRAPH ?g { " + node + " ?p ?o } }"
                + " UNION { GRAPH ?g { ?s ?p " + node + " } } }");
    }

    /** The whole store as TriG (every named graph), as {@code sc export} gives it. */
    public String export() {
        RawHttp.Response answer = api.get("/sc/v1/export?format=trig");
        if (answer.status() != 200) {
            throw new AssertionError("export failed: " + answer);
        }
        return answer.body();
    }
}
