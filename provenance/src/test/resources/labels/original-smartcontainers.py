# Regenerates the legacy label fixture the way the original SmartContainers (provinator.py +
# scMetadata.labelDictionary) produced it: rdflib JSON-LD with an inline context, whitespace removed.
import re
from rdflib import Literal, Namespace, URIRef, Dataset, RDF, RDFS, XSD
from rdflib.namespace import FOAF
ds = Dataset(default_union=True)
context = {"prov": "http://www.w3.org/ns/prov#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
           "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
           "dc": "http://purl.org/dc/terms"}
PROV = Namespace("http://www.w3.org/ns/prov#"); UUIDNS = Namespace("urn:uuid:")
DOCKER = Namespace("http://w3id.org/daspos/docker#"); SC = Namespace("https://w3id.org/daspos/smartcontainers#")
CA = Namespace("https://w3id.org/daspos/computationalactivity#"); OWL = Namespace("http://www.w3.org/2002/07/owl#")
e, a, u = "3f1c1d9e-1a4b-4c55-9a57-0d5c2f0f7c11", "8d2e6b4a-5f0c-4b1e-8c0e-2a9d4b7e6f21", "c0ffee00-1234-4abc-8def-0123456789ab"
ds.add((UUIDNS[e], RDF.type, PROV.Entity)); ds.add((UUIDNS[e], RDF.type, DOCKER.Entity))
ds.add((UUIDNS[e], PROV.wasGeneratedBy, UUIDNS[a])); ds.add((UUIDNS[e], DOCKER.hasImageID, Literal("ImageIDString")))
ds.add((UUIDNS[a], RDF.type, PROV.Activity)); ds.add((UUIDNS[a], RDF.type, CA.compuatationalActivity))
ds.add((UUIDNS[a], RDF.type, DOCKER.commitActivity)); ds.add((UUIDNS[a], DOCKER.hasCommand, DOCKER.commitOperation))
ds.add((UUIDNS[a], DOCKER.hasContainerID, Literal("blahID"))); ds.add((UUIDNS[a], DOCKER.hasContainerTag, Literal("GreatContainer")))
ds.add((UUIDNS[a], PROV.startedAtTime, Literal("2015-11-10T01:30:00Z", datatype=XSD.dateTime)))
ds.add((UUIDNS[a], PROV.endedAtTime, Literal("2015-11-10T03:40:00Z", datatype=XSD.dateTime)))
ds.add((SC.sc, RDF.type, PROV.SoftwareAgent)); ds.add((SC.sc, SC.hasVersion, Literal("0.0.1")))
ds.add((DOCKER.docker, PROV.actedOnBehalfOf, SC.sc)); ds.add((DOCKER.docker, RDF.type, PROV.SoftwareAgent))
ds.add((DOCKER.docker, RDFS.label, Literal("Docker: https://www.docker.com/")))
ds.add((DOCKER.docker, DOCKER.hasVersion, Literal("Docker version 1.9.1, build a34a1d5")))
ds.add((SC.sc, PROV.actedOnBehalfOf, UUIDNS[u]))
ds.add((UUIDNS[u], RDF.type, PROV.Person)); ds.add((UUIDNS[u], RDF.type, FOAF.Person))
ds.add((UUIDNS[u], OWL.sameAs, URIRef("http://orcid.org/0000-0003-4901-6059")))
ds.add((UUIDNS[u], FOAF.givenName, Literal("Charles"))); ds.add((UUIDNS[u], FOAF.familyName, Literal("Vardeman II")))
out = ds.serialize(format="json-ld", context=context, indent=4)
print(re.sub('[\t\r\n\\s+]', '', out))
