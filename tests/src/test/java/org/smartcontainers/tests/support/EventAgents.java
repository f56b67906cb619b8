package org.smartcontainers.tests.support;

/** SPARQL patterns for who a record of one of Docker's events names (prefixes {@code prov:} and {@code rdfs:}). */
public final class EventAgents {
    private EventAgents() {
    }

    /** Through the proxy: the person behind the call, with the Docker engine. */
    public static String byAPerson(String activity) {
        return activity + " prov:wasAssociatedWith ?person, ?engine . ?person a prov:Person ."
                + " ?engine a prov:SoftwareAgent; rdfs:label 'Docker Engine' .";
    }

    /** Not through the proxy: the Docker engine is its only agent. */
    public static String byTheEngineAlone(String activity) {
        return activity + " prov:wasAssociatedWith ?engine . ?engine rdfs:label 'Docker Engine'"
                + " FILTER NOT EXISTS { " + activity + " prov:wasAssociatedWith ?other FILTER(?other != ?engine) }";
    }
}
