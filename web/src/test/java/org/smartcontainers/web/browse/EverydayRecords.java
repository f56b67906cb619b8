package org.smartcontainers.web.browse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.NamedGraph;

/**
 * Records of an ordinary week, as the recorders write them: a build by a person with an ORCID iD, a commit and a
 * failed build by one without, a container created from the built image, a pull that named an image, a renamed
 * container, and older runs.
 */
final class EverydayRecords {
    static final String ORCID = "https://orcid.org/0000-0002-1825-0097";
    static final String ADA = Vocab.INSTANCE_BASE + "agent/person-ada";
    static final String BUILT = "1".repeat(64);
    static final String COMMITTED = "2".repeat(64);
    static final String PULLED = "3".repeat(64);
    static final String CONTAINER = "4".repeat(64);
    /** UUIDs in the opposite order of their times: a list sorted by IRI would show the oldest first. */
    static final String BUILD = Vocab.activityIri("f0000000-0000-4000-8000-000000000001");
    static final String COMMIT = Vocab.activityIri("e0000000-0000-4000-8000-000000000002");
    static final String CREATE = Vocab.activityIri("d0000000-0000-4000-8000-000000000003");
    static final String PULL = Vocab.activityIri("c0000000-0000-4000-8000-000000000004");
    static final String FAILED_BUILD = Vocab.activityIri("b0000000-0000-4000-8000-000000000005");
    /** Older runs by nobody in particular, enough for a second page of activities. */
    static final int RUNS = 120;
    /** A container created as old-name and renamed new-name, by the engine alone, before everything else. */
    static final String RENAMED = "7".repeat(64);
    static final String RENAMED_CREATE = Vocab.activityIri("a1000000-0000-4000-8000-000000000006");
    static final String RENAME = Vocab.activityIri("a2000000-0000-4000-8000-000000000007");
    /** The activities besides the runs. */
    static final int OTHERS = 7;

    private EverydayRecords() {
    }

    static List<NamedGraph> graphs() {
        List<NamedGraph> graphs = new ArrayList<>();
        Model build = activity(BUILD, Vocab.Docker.Build, "2026-01-01T10:00:00Z", ORCID, "Josiah Carberry", "success");
        Resource plan = build.createResource(Vocab.planIri("a".repeat(64))).addProperty(Vocab.Docker.tag, "team/tool:1.0");
        build.getResource(BUILD).addProperty(Vocab.Prov.qualifiedAssociation, build.createResource()
                .addProperty(Vocab.Prov.agent, build.getResource(ORCID)).addProperty(Vocab.Prov.hadPlan, plan));
        image(build, BUILT).addProperty(Vocab.Prov.wasGeneratedBy, build.getResource(BUILD));
        graphs.add(new NamedGraph(BUILD, build));

        Model commit = activity(COMMIT, Vocab.Docker.Commit, "2026-02-01T10:00:00Z", ADA, "Ada Lovelace", "success");
        image(commit, COMMITTED).addProperty(Vocab.Prov.wasGeneratedBy, commit.getResource(COMMIT));
        graphs.add(new NamedGraph(COMMIT, commit));

        Model create = activity(CREATE, Vocab.Docker.Create, "2026-02-10T10:00:00Z", ORCID, "Josiah Carberry", "success");
        create.getResource(CREATE).addProperty(Vocab.Docker.name, "web").addProperty(Vocab.Docker.imageReference, "team/tool:1.0");
        create.createResource(Vocab.containerIri(CONTAINER)).addProperty(RDF.type, Vocab.Docker.Container)
                .addProperty(Vocab.Prov.wasGeneratedBy, create.getResource(CREATE))
                .addProperty(Vocab.Prov.wasDerivedFrom, image(create, BUILT));
        graphs.add(new NamedGraph(CREATE, create));

        Model pull = activity(PULL, Vocab.Docker.ImagePull, "2026-03-01T10:00:00Z", ORCID, "Josiah Carberry", "success");
        Resource pulled = image(pull, PULLED);
        pull.getResource(PULL).addProperty(Vocab.Prov.used, pulled);
        pulled.addProperty(Vocab.Docker.hadName, pull.createResource(Vocab.imageIri(PULLED) + "/name/e/alpine:3/1")
                .addProperty(Vocab.Docker.name, "alpine:3"));
        pulled.addProperty(Vocab.Docker.hadName, pull.createResource(Vocab.imageIri(PULLED) + "/name/e/alpine:old/1")
                .addProperty(Vocab.Docker.name, "alpine:old")
                .addProperty(Vocab.Docker.namedUntil, pull.createTypedLiteral("2026-03-01T11:00:00Z", XSDDatatype.XSDdateTime)));
        graphs.add(new NamedGraph(PULL, pull));

        graphs.add(new NamedGraph(FAILED_BUILD,
                activity(FAILED_BUILD, Vocab.Docker.Build, "2026-03-05T10:00:00Z", ADA, "Ada Lovelace", "failure")));
        Model renamedCreate = activity(RENAMED_CREATE, Vocab.Docker.Create, "2025-05-01T10:00:00Z", null, null, "success");
        renamedCreate.getResource(RENAMED_CREATE).addProperty(Vocab.Docker.name, "old-name");
        renamedCreate.createResource(Vocab.containerIri(RENAMED)).addProperty(RDF.type, Vocab.Docker.Container)
                .addProperty(Vocab.Prov.wasGeneratedBy, renamedCreate.getResource(RENAMED_CREATE));
        graphs.add(new NamedGraph(RENAMED_CREATE, renamedCreate));
        Model rename = activity(RENAME, Vocab.Docker.ContainerRename, "2025-05-02T10:00:00Z", null, null, null);
        rename.getResource(RENAME).addProperty(Vocab.Docker.name, "new-name").addProperty(Vocab.Docker.oldName, "old-name")
                .addProperty(Vocab.Prov.used, rename.createResource(Vocab.containerIri(RENAMED)).addProperty(RDF.type, Vocab.Docker.Container));
        graphs.add(new NamedGraph(RENAME, rename));
        for (int i = 0; i < RUNS; i++) {
            String run = Vocab.activityIri(String.format("00000000-0000-4000-8000-%012d", i));
            graphs.add(new NamedGraph(run, activity(run, Vocab.Docker.ContainerRun,
                    Instant.parse("2025-06-01T00:00:00Z").plusSeconds(60L * i).toString(), null, null, null)));
        }
        return graphs;
    }

    /** An activity's record as the recorders write it: typed, timed, the person associated in the same graph. */
    static Model activity(String iri, Resource type, String started, String person, String name, String outcome) {
        Model model = ModelFactory.createDefaultModel();
        Resource activity = model.createResource(iri).addProperty(RDF.type, Vocab.Prov.Activity).addProperty(RDF.type, type)
                .addProperty(Vocab.Prov.startedAtTime, model.createTypedLiteral(started, XSDDatatype.XSDdateTime));
        if (person != null) {
            activity.addProperty(Vocab.Prov.wasAssociatedWith, model.createResource(person)
                    .addProperty(RDF.type, Vocab.Prov.Person).addProperty(Vocab.Foaf.name, name));
        }
        if (outcome != null) {
            activity.addProperty(Vocab.Sc.outcome, outcome);
        }
        return model;
    }

    static Resource image(Model model, String id) {
        return model.createResource(Vocab.imageIri(id)).addProperty(RDF.type, Vocab.Docker.Image);
    }

}
