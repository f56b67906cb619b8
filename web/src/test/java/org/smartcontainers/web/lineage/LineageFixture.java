package org.smartcontainers.web.lineage;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.LocalStore;
import org.smartcontainers.provenance.store.NamedGraph;

/**
 * Stores shaped as the proxy records them, each activity in a graph of its own: a two-stage build from two
 * pulled bases, a container created from its image and run twice, a commit of that container, and an image
 * whose making only its label claims.
 */
final class LineageFixture {
    static final String GOLANG = Vocab.imageIri("1".repeat(64));
    static final String ALPINE = Vocab.imageIri("2".repeat(64));
    static final String APP = Vocab.imageIri("3".repeat(64));
    static final String CONTAINER = Vocab.containerIri("4".repeat(64));
    static final String SNAPSHOT = Vocab.imageIri("5".repeat(64));
    static final String CLAIMED = Vocab.imageIri("6".repeat(64));
    static final String PULL_GOLANG = Vocab.activityIri("00000000-0000-4000-8000-000000000001");
    static final String PULL_ALPINE = Vocab.activityIri("00000000-0000-4000-8000-000000000002");
    static final String BUILD = Vocab.activityIri("00000000-0000-4000-8000-000000000003");
    static final String CREATE = Vocab.activityIri("00000000-0000-4000-8000-000000000004");
    static final String RUN_1 = Vocab.runIri("4".repeat(64), 1_000L);
    static final String RUN_2 = Vocab.runIri("4".repeat(64), 2_000L);
    static final String COMMIT = Vocab.activityIri("00000000-0000-4000-8000-000000000005");
    static final String CLAIMED_BUILD = Vocab.activityIri("00000000-0000-4000-8000-000000000006");
    /** A tag of APP: it used the image, but made nothing, so it is not part of the lineage. */
    static final String TAG = Vocab.activityIri("00000000-0000-4000-8000-000000000007");

    private LineageFixture() {
    }

    static LocalStore recordedWorkflow() {
        List<NamedGraph> graphs = new ArrayList<>();
        graphs.add(pull(PULL_GOLANG, GOLANG, "golang:1.22", "2026-11-01T10:00:00Z"));
        graphs.add(pull(PULL_ALPINE, ALPINE, "alpine:3.20", "2026-11-01T10:01:00Z"));
        // An earlier name of alpine's, taken away: the picture shows the name it has now.
        Model renamed = ModelFactory.createDefaultModel();
        renamed.createResource(ALPINE).addProperty(Vocab.Docker.hadName, renamed.createResource(ALPINE + "/name/e/old")
                .addProperty(Vocab.Docker.name, "aaa-old:1").addProperty(Vocab.Docker.namedUntil, "2026-11-01T09:00:00Z"));
        graphs.add(new NamedGraph(ALPINE + "/names", renamed));

        Model build = activity(BUILD, Vocab.Docker.Build, "2026-11-02T12:00:00.123Z");
        Resource app = image(build, APP).addProperty(Vocab.Prov.wasGeneratedBy, build.getResource(BUILD))
                .addProperty(Vocab.Prov.wasDerivedFrom, image(build, GOLANG))
                .addProperty(Vocab.Prov.wasDerivedFrom, image(build, ALPINE));
        build.getResource(BUILD).addProperty(Vocab.Prov.used, build.getResource(GOLANG))
                .addProperty(Vocab.Prov.used, build.getResource(ALPINE)).addProperty(Vocab.Prov.generated, app);
        name(build, app, "team/app:1");
        graphs.add(new NamedGraph(BUILD, build));

        Model create = activity(CREATE, Vocab.Docker.Create, "2026-11-03T08:00:00Z");
        create.createResource(CONTAINER).addProperty(RDF.type, Vocab.Docker.Container)
                .addProperty(Vocab.Prov.wasGeneratedBy, create.getResource(CREATE))
                .addProperty(Vocab.Prov.wasDerivedFrom, image(create, APP));
        create.getResource(CREATE).addProperty(Vocab.Prov.used, create.getResource(APP));
        // A create also uses mounts: not images or containers, so not on the picture.
        create.getResource(CREATE).addProperty(Vocab.Prov.used, create.createResource(Vocab.volumeIri("e", "data"))
                .addProperty(RDF.type, Vocab.Docker.Volume));
        graphs.add(new NamedGraph(CREATE, create));

        graphs.add(run(RUN_1, "2026-11-03T08:00:01Z"));
        graphs.add(run(RUN_2, "2026-11-03T09:00:01Z"));

        Model commit = activity(COMMIT, Vocab.Docker.Commit, "2026-11-03T10:00:00Z");
        Resource snapshot = image(commit, SNAPSHOT).addProperty(Vocab.Prov.wasGeneratedBy, commit.getResource(COMMIT))
                .addProperty(Vocab.Prov.wasDerivedFrom, commit.createResource(CONTAINER).addProperty(RDF.type, Vocab.Docker.Container))
                .addProperty(Vocab.Prov.wasDerivedFrom, image(commit, APP));
        commit.getResource(COMMIT).addProperty(Vocab.Prov.used, commit.getResource(CONTAINER));
        graphs.add(new NamedGraph(COMMIT, commit));

        // Only the label of CLAIMED says a build made it from APP.
        String claims = CLAIMED + "/label";
        Model label = activity(CLAIMED_BUILD, Vocab.Docker.Build, "2026-11-04T10:00:00Z");
        label.createResource(claims).addProperty(RDF.type, Vocab.Sc.LabelClaims).addProperty(Vocab.Sc.labelOf, label.createResource(CLAIMED));
        image(label, CLAIMED).addProperty(Vocab.Prov.wasGeneratedBy, label.getResource(CLAIMED_BUILD))
                .addProperty(Vocab.Prov.wasDerivedFrom, image(label, APP));
        label.getResource(CLAIMED_BUILD).addProperty(Vocab.Prov.used, label.getResource(APP));
        graphs.add(new NamedGraph(claims, label));

        // A tag uses the image too, but names it rather than making anything: not on the picture.
        Model tag = activity(TAG, Vocab.Docker.ImageTag, "2026-11-05T10:00:00Z");
        tag.getResource(TAG).addProperty(Vocab.Prov.used, image(tag, APP));
        graphs.add(new NamedGraph(TAG, tag));

        LocalStore store = LocalStore.inMemory();
        store.commit(graphs);
        return store;
    }

    /** {@code length} images, each built from the one before by a build of its own: {@link #chainImage}(0) first. */
    static LocalStore chain(int length) {
        List<NamedGraph> graphs = new ArrayList<>();
        Model first = ModelFactory.createDefaultModel();
        image(first, chainImage(0));
        graphs.add(new NamedGraph(chainImage(0) + "/seen", first));
        for (int i = 1; i < length; i++) {
            String build = chainBuild(i);
            Model model = activity(build, Vocab.Docker.Build, String.format("2026-11-01T10:%02d:%02dZ", i / 60 % 60, i % 60));
            image(model, chainImage(i)).addProperty(Vocab.Prov.wasGeneratedBy, model.getResource(build))
                    .addProperty(Vocab.Prov.wasDerivedFrom, image(model, chainImage(i - 1)));
            model.getResource(build).addProperty(Vocab.Prov.used, model.getResource(chainImage(i - 1)));
            graphs.add(new NamedGraph(build, model));
        }
        LocalStore store = LocalStore.inMemory();
        store.commit(graphs);
        return store;
    }

    /** {@link #chainImage}(0) and {@code builds} builds from it, build i making image i. */
    static LocalStore hub(int builds) {
        List<NamedGraph> graphs = new ArrayList<>();
        for (int i = 1; i <= builds; i++) {
            String build = chainBuild(i);
            Model model = activity(build, Vocab.Docker.Build, "2026-11-01T10:00:00Z");
            image(model, chainImage(i)).addProperty(Vocab.Prov.wasGeneratedBy, model.getResource(build))
                    .addProperty(Vocab.Prov.wasDerivedFrom, image(model, chainImage(0)));
            model.getResource(build).addProperty(Vocab.Prov.used, model.getResource(chainImage(0)));
            graphs.add(new NamedGraph(build, model));
        }
        LocalStore store = LocalStore.inMemory();
        store.commit(graphs);
        return store;
    }

    /** {@link #chain} of two, image 1 having the name given. */
    static LocalStore chainNamed(String name) {
        LocalStore store = chain(2);
        Model model = ModelFactory.createDefaultModel();
        name(model, image(model, chainImage(1)), name);
        store.commit(List.of(new NamedGraph(chainImage(1) + "/names", model)));
        return store;
    }

    static String chainImage(int i) {
        return Vocab.imageIri(String.format("%064x", i + 1));
    }

    static String chainBuild(int i) {
        return Vocab.activityIri(String.format("00000000-0000-4000-9000-%012d", i));
    }

    private static NamedGraph pull(String iri, String imageIri, String name, String time) {
        Model model = activity(iri, Vocab.Docker.ImagePull, time);
        Resource image = image(model, imageIri);
        model.getResource(iri).addProperty(Vocab.Prov.used, image);
        name(model, image, name);
        return new NamedGraph(iri, model);
    }

    private static NamedGraph run(String iri, String time) {
        Model model = activity(iri, Vocab.Docker.ContainerRun, time);
        model.getResource(iri).addProperty(Vocab.Prov.used,
                model.createResource(CONTAINER).addProperty(RDF.type, Vocab.Docker.Container));
        return new NamedGraph(iri, model);
    }

    private static Model activity(String iri, Resource type, String started) {
        Model model = ModelFactory.createDefaultModel();
        model.createResource(iri).addProperty(RDF.type, Vocab.Prov.Activity).addProperty(RDF.type, type)
                .addProperty(Vocab.Prov.startedAtTime, model.createTypedLiteral(started, XSDDatatype.XSDdateTime));
        return model;
    }

    private static Resource image(Model model, String iri) {
        return model.createResource(iri).addProperty(RDF.type, Vocab.Docker.Image);
    }

    private static void name(Model model, Resource image, String name) {
        image.addProperty(Vocab.Docker.hadName, model.createResource(image.getURI() + "/name/e/" + Integer.toHexString(name.hashCode()))
                .addProperty(RDF.type, Vocab.Docker.ImageName).addProperty(Vocab.Docker.name, name));
    }
}
