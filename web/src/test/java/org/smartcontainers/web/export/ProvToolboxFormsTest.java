package org.smartcontainers.web.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.cfg.HandlerInstantiator;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.jsontype.TypeIdResolver;
import com.fasterxml.jackson.databind.jsontype.TypeResolverBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.apache.jena.rdf.model.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openprovenance.prov.core.json.serialization.deserial.CustomAttributeMapDeserializer;
import org.openprovenance.prov.model.Document;
import org.openprovenance.prov.model.Identifiable;
import org.openprovenance.prov.model.ProvUtilities;
import org.openprovenance.prov.model.QualifiedName;
import org.openprovenance.prov.model.Statement;
import org.openprovenance.prov.model.Used;
import org.openprovenance.prov.model.WasAssociatedWith;
import org.openprovenance.prov.model.WasGeneratedBy;
import org.openprovenance.prov.vanilla.ProvFactory;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.testsupport.ProvValidator;
import org.smartcontainers.testsupport.ThrowawayRecording;

/**
 * PROV-N and PROV-JSON of a recorded workflow, read back by ProvToolbox's own parsers and judged by
 * its PROV-CONSTRAINTS validator; what was recorded is still there after the round trip.
 */
class ProvToolboxFormsTest {
    @TempDir
    Path dir;
    private ThrowawayRecording parts;
    private RecordedWorkflow workflow;

    @BeforeEach
    void record() throws Exception {
        parts = new ThrowawayRecording(dir);
        workflow = new RecordedWorkflow(parts);
    }

    @AfterEach
    void close() {
        parts.close();
    }

    private Model wholeStore() {
        return parts.store.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }");
    }

    private static Document provN(Model model) {
        byte[] text = written(ProvToolboxForms::writeProvN, model);
        return new org.openprovenance.prov.notation.ProvDeserialiser(ProvFactory.getFactory())
                .deserialiseDocument(new ByteArrayInputStream(text));
    }

    private static Document provJson(Model model) {
        byte[] text = written(ProvToolboxForms::writeProvJson, model);
        return new org.openprovenance.prov.core.json.serialization.ProvDeserialiser(mapperForProvJson())
                .deserialiseDocument(new ByteArrayInputStream(text));
    }

    /**
     * ProvToolbox 2.2.1's PROV-JSON reader names a deserializer for element attributes that has no
     * no-argument constructor; the Jackson it was built with never made one from that annotation, ours
     * (2.20) does. The reader is only ours to use here, so the test makes it as the reader would.
     */
    private static ObjectMapper mapperForProvJson() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setHandlerInstantiator(new HandlerInstantiator() {
            @Override
            public JsonDeserializer<?> deserializerInstance(DeserializationConfig config, Annotated annotated,
                    Class<?> deserClass) {
                return deserClass == CustomAttributeMapDeserializer.class
                        ? new CustomAttributeMapDeserializer(config.getTypeFactory().constructType(Map.class)) : null;
            }

            @Override
            public KeyDeserializer keyDeserializerInstance(DeserializationConfig config, Annotated annotated,
                    Class<?> keyDeserClass) {
                return null;
            }

            @Override
            public JsonSerializer<?> serializerInstance(SerializationConfig config, Annotated annotated, Class<?> serClass) {
                return null;
            }

            @Override
            public TypeResolverBuilder<?> typeResolverBuilderInstance(MapperConfig<?> config, Annotated annotated,
                    Class<?> builderClass) {
                return null;
            }

            @Override
            public TypeIdResolver typeIdResolverInstance(MapperConfig<?> config, Annotated annotated, Class<?> resolverClass) {
                return null;
            }
        });
        return mapper;
    }

    private static byte[] written(BiConsumer<Model, ByteArrayOutputStream> writer, Model model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.accept(model, out);
        return out.toByteArray();
    }

    private static Set<String> ids(Document document, Class<? extends Statement> kind) {
        return document.getStatementOrBundle().stream().filter(kind::isInstance)
                .map(s -> ((Identifiable) s).getId().getUri()).collect(Collectors.toSet());
    }

    private static <T extends Statement> List<T> all(Document document, Class<T> kind) {
        return document.getStatementOrBundle().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** What the round trip must keep of the workflow: who made what, from what, following which plan. */
    private void assertKeepsTheWorkflow(Document document) {
        ProvValidator.assertValid(document);
        Set<String> entities = ids(document, org.openprovenance.prov.model.Entity.class);
        Set<String> activities = ids(document, org.openprovenance.prov.model.Activity.class);
        Set<String> agents = ids(document, org.openprovenance.prov.model.Agent.class);
        assertTrue(entities.contains(Vocab.imageIri(RecordedWorkflow.APP)), entities.toString());
        assertTrue(activities.contains(workflow.appBuild), activities.toString());
        assertTrue(agents.contains(RecordedWorkflow.ORCID), agents.toString());
        ProvUtilities u = new ProvUtilities();
        assertTrue(all(document, WasGeneratedBy.class).stream().anyMatch(g ->
                uri(u.getEffect(g)).equals(Vocab.imageIri(RecordedWorkflow.APP)) && uri(u.getCause(g)).equals(workflow.appBuild)),
                "the BuildKit build generated app:1");
        assertTrue(all(document, WasAssociatedWith.class).stream().anyMatch(a -> a.getActivity().getUri().equals(workflow.appBuild)
                && a.getAgent().getUri().equals(RecordedWorkflow.ORCID) && a.getPlan() != null
                && a.getPlan().getUri().startsWith(Vocab.planIri(""))), "the build followed its plan, for the person");
    }

    private static String uri(QualifiedName name) {
        return name == null ? "" : name.getUri();
    }

    @Test
    void provNOfTheWholeStoreParsesBackAndIsValid() {
        Document document = provN(wholeStore());
        assertKeepsTheWorkflow(document);
        assertTrue(ids(document, org.openprovenance.prov.model.Activity.class).contains(workflow.failedBuild),
                "the whole store holds the failed build too");
    }

    @Test
    void provJsonOfTheWholeStoreParsesBackAndIsValid() {
        assertKeepsTheWorkflow(provJson(wholeStore()));
    }

    @Test
    void theLineageOfTheCommittedImageHoldsItsWholeChainAndNothingElse() {
        Model lineage = Lineage.of(parts.store, ExportSubject.image(RecordedWorkflow.COMMITTED)).graph();
        for (Document document : List.of(provN(lineage), provJson(lineage))) {
            assertKeepsTheWorkflow(document);
            Set<String> activities = ids(document, org.openprovenance.prov.model.Activity.class);
            assertTrue(activities.containsAll(List.of(workflow.commit, workflow.create, workflow.appBuild, workflow.toolBuild)),
                    activities.toString());
            assertFalse(activities.contains(workflow.failedBuild), "a build that made nothing of the chain is not in it");
            String volume = Vocab.volumeIri("engine-1", "results");
            assertTrue(all(document, Used.class).stream().anyMatch(u -> u.getActivity().getUri().equals(workflow.create)
                    && uri(u.getEntity()).equals(volume) && u.getOther().stream().anyMatch(o -> o.getElementName().getLocalPart()
                    .equals("readOnly") && String.valueOf(o.getValue()).equals("true"))),
                    "the create's qualified use of its volume, read-only, is a usage with its attributes");
        }
    }

    @Test
    void attributesKeepTheirTypesAndBlankNodesGetNames() {
        String text = new String(written(ProvToolboxForms::writeProvN, wholeStore()), StandardCharsets.UTF_8);
        assertTrue(text.contains("docker:contextSize = \"2048\" %% xsd:long"), text);
        assertTrue(text.contains("prov:type = 'prov:Plan'"), text);
        assertTrue(text.contains("prefix blank <" + ProvNames.BLANK_NS + ">"), "labels and organisations are blank nodes");
        assertTrue(text.contains("agent(sci:agent/docker-engine/" + RecordedWorkflow.DOCKER_VERSION + ","), text);
        assertFalse(text.contains(RecordedWorkflow.SECRET), "build-argument and environment values are never recorded");
    }

    @Test
    void namesPROVNEscapesComeBackAsTheSameIris() {
        Model model = wholeStore();
        List<String> iris = List.of("https://example.org/engine/20.10.24+dfsg1", "https://example.org/a(1),b=2;c[3]:d.",
                "mailto:jc@example.org", "https://example.org/x/-leading");
        iris.forEach(iri -> model.createResource(iri).addProperty(org.apache.jena.vocabulary.RDF.type, Vocab.Prov.Entity));
        assertTrue(ids(provN(model), org.openprovenance.prov.model.Entity.class).containsAll(iris), "PROV-N");
        assertTrue(ids(provJson(model), org.openprovenance.prov.model.Entity.class).containsAll(iris), "PROV-JSON");
    }

    @Test
    void theValidatorCatchesWhatIsWrongInADocumentItReads() {
        String wrong = "document\nprefix ex <https://example.org/>\nentity(ex:x)\nactivity(ex:x,-,-)\nendDocument\n";
        Document document = new org.openprovenance.prov.notation.ProvDeserialiser(ProvFactory.getFactory())
                .deserialiseDocument(new ByteArrayInputStream(wrong.getBytes(StandardCharsets.UTF_8)));
        assertFalse(ProvValidator.problems(document).isEmpty(), "an entity that is an activity too is not valid PROV");
    }
}
