package org.smartcontainers.provenance;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.shared.PrefixMapping;

/**
 * The terms we write: PROV-O for the core, the original SmartContainers namespaces for
 * Docker-specific terms (so their labels stay readable), FOAF and Dublin Core where they fit.
 */
public final class Vocab {
    public static final String PROV_NS = "http://www.w3.org/ns/prov#";
    public static final String SC_NS = "https://w3id.org/daspos/smartcontainers#";
    public static final String DOCKER_NS = "http://w3id.org/daspos/docker#";
    public static final String FOAF_NS = "http://xmlns.com/foaf/0.1/";
    public static final String DCT_NS = "http://purl.org/dc/terms/";
    public static final String XSD_NS = "http://www.w3.org/2001/XMLSchema#";

    /** Where our own instances live: images and containers by ID, activities by a fresh UUID. */
    public static final String INSTANCE_BASE = "https://w3id.org/daspos/smartcontainers/";

    public static final PrefixMapping PREFIXES = PrefixMapping.Factory.create()
            .setNsPrefix("prov", PROV_NS)
            .setNsPrefix("sc", SC_NS)
            .setNsPrefix("docker", DOCKER_NS)
            .setNsPrefix("foaf", FOAF_NS)
            .setNsPrefix("dct", DCT_NS)
            .setNsPrefix("schema", Schema.NS)
            .setNsPrefix("xsd", XSD_NS)
            .lock();

    private Vocab() {
    }

    public static final class Prov {
        public static final Resource Activity = resource(PROV_NS, "Activity");
        public static final Resource Entity = resource(PROV_NS, "Entity");
        public static final Resource SoftwareAgent = resource(PROV_NS, "SoftwareAgent");
        public static final Resource Person = resource(PROV_NS, "Person");
        /** What identical runs share: a build's plan (its request, who asked), named by its content. */
        public static final Resource Plan = resource(PROV_NS, "Plan");
        public static final Resource Association = resource(PROV_NS, "Association");
        public static final Property qualifiedAssociation = property(PROV_NS, "qualifiedAssociation");
        public static final Property agent = property(PROV_NS, "agent");
        public static final Property hadPlan = property(PROV_NS, "hadPlan");
        public static final Property wasAttributedTo = property(PROV_NS, "wasAttributedTo");
        public static final Property used = property(PROV_NS, "used");
        public static final Resource Organization = resource(PROV_NS, "Organization");
        /** Who acted in an activity and as what: {@code prov:agent}, {@code prov:hadRole}. */
        public static final Property hadRole = property(PROV_NS, "hadRole");
        public static final Resource Role = resource(PROV_NS, "Role");
        /** One agent acting for another in one activity ({@code prov:hadActivity}), not in general. */
        public static final Resource Delegation = resource(PROV_NS, "Delegation");
        public static final Property qualifiedDelegation = property(PROV_NS, "qualifiedDelegation");
        public static final Property hadActivity = property(PROV_NS, "hadActivity");
        /** How an activity used an entity, when the use has facts of its own (a mount's target and mode). */
        public static final Resource Usage = resource(PROV_NS, "Usage");
        public static final Property qualifiedUsage = property(PROV_NS, "qualifiedUsage");
        public static final Property entity = property(PROV_NS, "entity");
        public static final Property wasGeneratedBy = property(PROV_NS, "wasGeneratedBy");
        public static final Property generated = property(PROV_NS, "generated");
        public static final Property wasDerivedFrom = property(PROV_NS, "wasDerivedFrom");
        /** A container removed ({@code destroy}): it ends, by the removal's activity. */
        public static final Property wasInvalidatedBy = property(PROV_NS, "wasInvalidatedBy");
        public static final Property wasAssociatedWith = property(PROV_NS, "wasAssociatedWith");
        public static final Property actedOnBehalfOf = property(PROV_NS, "actedOnBehalfOf");
        public static final Property startedAtTime = property(PROV_NS, "startedAtTime");
        public static final Property endedAtTime = property(PROV_NS, "endedAtTime");
        /** PROV-AQ: where the provenance of a resource is found (here, a named graph). */
        public static final Property has_provenance = property(PROV_NS, "has_provenance");

        private Prov() {
        }
    }

    /** Docker terms, in the original project's {@code docker:} namespace. */
    public static final class Docker {
        public static final Resource Image = resource(DOCKER_NS, "Image");
        public static final Resource Container = resource(DOCKER_NS, "Container");
        /** What a container mounts: a {@link #Volume}, a {@link #BindMount} or a {@link #Tmpfs}, named for what it is, not for its use. */
        public static final Resource Mount = resource(DOCKER_NS, "Mount");
        /** A volume: named, by its daemon and name; anonymous, by its container and target until the daemon names it. */
        public static final Resource Volume = resource(DOCKER_NS, "Volume");
        /** A host path mounted into containers: by host and path, whichever daemon on that host mounts it. */
        public static final Resource BindMount = resource(DOCKER_NS, "BindMount");
        /** A tmpfs: by its container and path (it lives and dies with the container). */
        public static final Resource Tmpfs = resource(DOCKER_NS, "Tmpfs");
        /** A volume the daemon names itself (an anonymous volume). */
        public static final Property anonymous = property(DOCKER_NS, "anonymous");
        /** The role of the Docker engine that carried out a call. */
        public static final Resource EngineRole = resource(DOCKER_NS, "engine");
        /** The host a bind mount's path is on, and a Docker engine's host. */
        public static final Property host = property(DOCKER_NS, "host");
        /** The daemon a named volume belongs to ({@code docker info}'s ID). */
        public static final Property engineId = property(DOCKER_NS, "engineId");
        public static final Resource Create = resource(DOCKER_NS, "ContainerCreate");
        public static final Resource Commit = resource(DOCKER_NS, "ContainerCommit");
        public static final Resource Build = resource(DOCKER_NS, "ImageBuild");
        /** The plan of a build: what its label holds, the same for identical builds by the same person. */
        public static final Resource BuildPlan = resource(DOCKER_NS, "BuildPlan");
        /** A step of a BuildKit build (a vertex of its graph), part of the build's activity. */
        public static final Resource BuildStep = resource(DOCKER_NS, "BuildStep");
        public static final Property step = property(DOCKER_NS, "step");
        public static final Property cached = property(DOCKER_NS, "cached");
        public static final Property vertexDigest = property(DOCKER_NS, "vertexDigest");
        /** A base image a plan names (its FROM), resolved to the image; the run {@code prov:used} it. */
        public static final Property baseImage = property(DOCKER_NS, "baseImage");
        /**
         * The image a run ended with when it existed before the run (every step cached): PROV lets
         * one activity generate an entity, the earlier run that made it.
         */
        public static final Property reusedImage = property(DOCKER_NS, "reusedImage");
        /**
         * When Docker says an image was made (its config's {@code created}): part of the image, so the same
         * for every copy of it; a label carries it for each base, so a rebuild's label does not change.
         */
        public static final Property created = property(DOCKER_NS, "created");
        public static final Property id = property(DOCKER_NS, "id");
        public static final Property name = property(DOCKER_NS, "name");
        public static final Property imageReference = property(DOCKER_NS, "imageReference");
        public static final Property command = property(DOCKER_NS, "command");
        public static final Property entrypoint = property(DOCKER_NS, "entrypoint");
        public static final Property workingDir = property(DOCKER_NS, "workingDir");
        public static final Property user = property(DOCKER_NS, "user");
        public static final Property environmentVariable = property(DOCKER_NS, "environmentVariable");
        public static final Property networkMode = property(DOCKER_NS, "networkMode");
        public static final Property label = property(DOCKER_NS, "label");
        public static final Property labelKey = property(DOCKER_NS, "labelKey");
        public static final Property labelValue = property(DOCKER_NS, "labelValue");
        public static final Property source = property(DOCKER_NS, "source");
        public static final Property target = property(DOCKER_NS, "target");
        public static final Property readOnly = property(DOCKER_NS, "readOnly");
        public static final Property repository = property(DOCKER_NS, "repository");
        public static final Property tag = property(DOCKER_NS, "tag");
        public static final Property comment = property(DOCKER_NS, "comment");
        public static final Property author = property(DOCKER_NS, "author");
        public static final Property change = property(DOCKER_NS, "change");
        /** The agent a commit's {@code author} names, when it is a person the config store knows. */
        public static final Property authorAgent = property(DOCKER_NS, "authorAgent");
        /** A commit's filesystem changes ({@code docker diff}): how many paths of each kind ... */
        public static final Property pathsAdded = property(DOCKER_NS, "pathsAdded");
        public static final Property pathsModified = property(DOCKER_NS, "pathsModified");
        public static final Property pathsDeleted = property(DOCKER_NS, "pathsDeleted");
        /** ... and the first of them in path order ({@code FileChanges.PATHS_KEPT} of each kind). */
        public static final Property addedPath = property(DOCKER_NS, "addedPath");
        public static final Property modifiedPath = property(DOCKER_NS, "modifiedPath");
        public static final Property deletedPath = property(DOCKER_NS, "deletedPath");
        public static final Property pause = property(DOCKER_NS, "pause");
        public static final Property version = property(DOCKER_NS, "version");
        public static final Property dockerfile = property(DOCKER_NS, "dockerfile");
        public static final Property dockerfileDigest = property(DOCKER_NS, "dockerfileDigest");
        public static final Property baseImageReference = property(DOCKER_NS, "baseImageReference");
        public static final Property buildTarget = property(DOCKER_NS, "buildTarget");
        public static final Property platform = property(DOCKER_NS, "platform");
        public static final Property noCache = property(DOCKER_NS, "noCache");
        public static final Property pull = property(DOCKER_NS, "pull");
        public static final Property buildArg = property(DOCKER_NS, "buildArg");
        public static final Property contextDigest = property(DOCKER_NS, "contextDigest");
        public static final Property contextSize = property(DOCKER_NS, "contextSize");
        /** SHA-256 of the context's listing: what BuildKit's file sync sent, or a classic build's tar headers (see ImageBuild.contextListing). */
        public static final Property contextListingDigest = property(DOCKER_NS, "contextListingDigest");
        public static final Property contextFiles = property(DOCKER_NS, "contextFiles");
        public static final Property builder = property(DOCKER_NS, "builder");
        /** A container's run: from Docker's {@code start} event to its {@code die} (a restart is a new run). */
        public static final Resource ContainerRun = resource(DOCKER_NS, "ContainerRun");
        /** A process run in a container by {@code docker exec}: from {@code exec_start} to {@code exec_die}. */
        public static final Resource ExecRun = resource(DOCKER_NS, "ExecRun");
        /** Events of a container's life, each an instant activity that used the container. */
        public static final Resource ContainerStop = resource(DOCKER_NS, "ContainerStop");
        public static final Resource ContainerKill = resource(DOCKER_NS, "ContainerKill");
        public static final Resource ContainerPause = resource(DOCKER_NS, "ContainerPause");
        public static final Resource ContainerUnpause = resource(DOCKER_NS, "ContainerUnpause");
        public static final Resource ContainerRename = resource(DOCKER_NS, "ContainerRename");
        public static final Resource ContainerRestart = resource(DOCKER_NS, "ContainerRestart");
        /** The kernel's out-of-memory killer hit a process of the container (Docker's {@code oom} event). */
        public static final Resource ContainerOutOfMemory = resource(DOCKER_NS, "ContainerOutOfMemory");
        /** The container removed ({@code destroy}); the container {@code prov:wasInvalidatedBy} it. */
        public static final Resource ContainerRemoval = resource(DOCKER_NS, "ContainerRemoval");
        public static final Property exitCode = property(DOCKER_NS, "exitCode");
        /** A run: whether an {@code oom} event came during it. */
        public static final Property oomKilled = property(DOCKER_NS, "oomKilled");
        /** A kill's signal, as Docker gives it (a number); on a run, that of the last kill before it died. */
        public static final Property signal = property(DOCKER_NS, "signal");
        public static final Property execId = property(DOCKER_NS, "execId");
        /** An exec's command as Docker's event gives it: its words joined by spaces. */
        public static final Property commandLine = property(DOCKER_NS, "commandLine");
        public static final Property oldName = property(DOCKER_NS, "oldName");
        public static final Property autoRemove = property(DOCKER_NS, "autoRemove");
        /**
         * Said of each graph written from Docker's event stream (by its name): the event's time in nanoseconds,
         * its action and the engine that sent it; where the stream resumes, and what tells one event from another.
         */
        public static final Property timeNano = property(DOCKER_NS, "timeNano");
        public static final Property action = property(DOCKER_NS, "action");
        /**
         * Where images come from and what they are called (Docker's image events): instant activities that
         * {@code prov:used} the image, but an import, which {@code prov:generated} it (see "Image origins and names").
         */
        public static final Resource ImagePull = resource(DOCKER_NS, "ImagePull");
        public static final Resource ImagePush = resource(DOCKER_NS, "ImagePush");
        public static final Resource ImageLoad = resource(DOCKER_NS, "ImageLoad");
        public static final Resource ImageImport = resource(DOCKER_NS, "ImageImport");
        public static final Resource ImageTag = resource(DOCKER_NS, "ImageTag");
        public static final Resource ImageUntag = resource(DOCKER_NS, "ImageUntag");
        public static final Resource ImageRemoval = resource(DOCKER_NS, "ImageRemoval");
        /** A registry's host ({@code docker.io} for Docker Hub), as a pull or push names it. */
        public static final Property registry = property(DOCKER_NS, "registry");
        /** The repository digest ({@code sha256:…}) of the image a pull resolved or a push wrote, in that repository. */
        public static final Property repoDigest = property(DOCKER_NS, "repoDigest");
        /** On a containerd image store: the digest of the image's manifest, which that store's ID may be (sha256:…). */
        public static final Property manifestDigest = property(DOCKER_NS, "manifestDigest");
        /** On a containerd image store: the digest of the index (several platforms) the image's manifest is in. */
        public static final Property indexDigest = property(DOCKER_NS, "indexDigest");
        /** An import's source: a URL without user information, query or fragment, or {@code -} for an upload. */
        public static final Property importSource = property(DOCKER_NS, "importSource");
        /** The reference a pull or push named, as Docker's event gives it. */
        public static final Property reference = property(DOCKER_NS, "reference");
        /** A name ({@code repo:tag}) an image had on one engine, from {@link #namedFrom} until {@link #namedUntil}. */
        public static final Resource ImageName = resource(DOCKER_NS, "ImageName");
        public static final Property hadName = property(DOCKER_NS, "hadName");
        public static final Property namedFrom = property(DOCKER_NS, "namedFrom");
        public static final Property namedUntil = property(DOCKER_NS, "namedUntil");
        /** The activity that gave a name, and the one that took it away. */
        public static final Property namedBy = property(DOCKER_NS, "namedBy");
        public static final Property unnamedBy = property(DOCKER_NS, "unnamedBy");

        /** The instruction behind a step of an image's history, as {@code docker history} shows it. */
        public static final Property createdBy = property(DOCKER_NS, "createdBy");

        private Docker() {
        }
    }

    /** The person behind a call. */
    public static final class Foaf {
        public static final Resource Person = resource(FOAF_NS, "Person");
        public static final Resource Organization = resource(FOAF_NS, "Organization");
        public static final Property name = property(FOAF_NS, "name");
        public static final Property givenName = property(FOAF_NS, "givenName");
        public static final Property familyName = property(FOAF_NS, "familyName");
        public static final Property mbox = property(FOAF_NS, "mbox");
        public static final Property homepage = property(FOAF_NS, "homepage");

        private Foaf() {
        }
    }

    /** FOAF has no affiliation; schema.org's is the one people query for. */
    public static final class Schema {
        public static final String NS = "http://schema.org/";
        public static final Property affiliation = property(NS, "affiliation");

        private Schema() {
        }
    }

    /** SmartContainers' own terms. */
    public static final class Sc {
        public static final Property outcome = property(SC_NS, "outcome");
        /** The roles of an activity's agents: the person who asked, and SmartContainers, which recorded it. */
        public static final Resource RequesterRole = resource(SC_NS, "requester");
        public static final Resource RecorderRole = resource(SC_NS, "recorder");
        public static final Property errorMessage = property(SC_NS, "errorMessage");
        /**
         * The datatype of a text recorded by its digest ({@code sha256:} and the hex of its UTF-8 bytes) because it
         * is longer than a record keeps ({@link org.smartcontainers.provenance.record.LongTexts}).
         */
        public static final String TEXT_DIGEST = SC_NS + "textDigest";
        public static final Property observedVia = property(SC_NS, "observedVia");
        public static final Property version = property(SC_NS, "version");
        /** What the proxy could not see, said in the graph (a BuildKit context travels outside the request). */
        public static final Property note = property(SC_NS, "note");
        /** The local account ({@code user@host}) a call came from. */
        public static final Property localAccount = property(SC_NS, "localAccount");
        /**
         * An activity recorded after the fact from what Docker still shows ({@code docker inspect},
         * the image history), not observed as it happened.
         */
        public static final Property reconstructed = property(SC_NS, "reconstructed");
        /** A step of a reconstructed image's history, with its {@link #position} (0: the newest). */
        public static final Property historyStep = property(SC_NS, "historyStep");
        public static final Property position = property(SC_NS, "position");
        /** Which kind of {@code smartcontainer} label a graph was read from. */
        public static final Property labelFormat = property(SC_NS, "labelFormat");
        public static final Resource SmartContainersLabel = resource(SC_NS, "SmartContainersLabel");
        /** A label written by the original SmartContainers (Python, 2015-16). */
        public static final Resource OriginalSmartContainersLabel = resource(SC_NS, "OriginalSmartContainersLabel");
        /**
         * A named graph holding what a {@code smartcontainer} label claims about the image or container
         * it is on: kept apart from what the proxy observed, filtered to that resource's own history
         * ({@code LabelClaims}). The graph says it of itself.
         */
        public static final Resource LabelClaims = resource(SC_NS, "LabelClaims");
        /**
         * A named graph holding what BuildKit attested of an image it built (an in-toto statement the daemon kept
         * beside the image: SLSA provenance, an SPDX SBOM), as read, kept apart from what the proxy observed.
         */
        public static final Resource BuildKitAttestation = resource(SC_NS, "BuildKitAttestation");
        /** The image a {@link #BuildKitAttestation} is about. */
        public static final Property attestationOf = property(SC_NS, "attestationOf");
        /** The build (our record of it) whose image a {@link #BuildKitAttestation} is about. */
        public static final Property attestedBuild = property(SC_NS, "attestedBuild");
        /** The in-toto predicate type of an attestation (https://slsa.dev/provenance/v0.2, https://spdx.dev/Document). */
        public static final Property predicateType = property(SC_NS, "predicateType");
        /** What an attestation says the build used: a node with {@link #uri}, {@link #digest} and, for an image, {@link #image}. */
        public static final Property material = property(SC_NS, "material");
        /** A package an SBOM lists: a node with {@link #name}, {@link #packageVersion} and {@link #purl}. */
        public static final Property sbomPackage = property(SC_NS, "sbomPackage");
        public static final Property uri = property(SC_NS, "uri");
        public static final Property digest = property(SC_NS, "digest");
        public static final Property image = property(SC_NS, "image");
        public static final Property name = property(SC_NS, "name");
        public static final Property packageVersion = property(SC_NS, "packageVersion");
        public static final Property purl = property(SC_NS, "purl");
        /** An attestation's build parameters: the frontend, and BuildKit's ID for the build. */
        public static final Property frontend = property(SC_NS, "frontend");
        public static final Property buildInvocationId = property(SC_NS, "buildInvocationId");
        /** The image or container whose label a {@link #LabelClaims} graph was read from. */
        public static final Property labelOf = property(SC_NS, "labelOf");
        /** The SHA-256 ({@code sha256:} and hex) of the {@code smartcontainer} label a call set on what it made. */
        public static final Property labelledWith = property(SC_NS, "labelledWith");
        /** A label's claims about a base image, read from the label of an image derived from it, which carried them. */
        public static final Property carriedBy = property(SC_NS, "carriedBy");
        /**
         * The SHA-256 of the label's text: graphs read from the identical label (an image built from
         * another inherits its labels) may describe the same resources.
         */
        public static final Property labelDigest = property(SC_NS, "labelDigest");
        /**
         * A {@link #LabelClaims} graph written when the daemon started, for an image or container that
         * carries our label but had no record (made while the daemon was down, or killed): recovered, not observed.
         */
        public static final Resource Recovered = resource(SC_NS, "Recovered");
        /** When a {@link #Recovered} graph was written. */
        public static final Property recoveredAt = property(SC_NS, "recoveredAt");

        private Sc() {
        }
    }

    public static String imageIri(String imageId) {
        return INSTANCE_BASE + "image/" + bareId(imageId);
    }

    public static String containerIri(String containerId) {
        return INSTANCE_BASE + "container/" + bareId(containerId);
    }

    /** A Docker engine by its own ID ({@code docker info}'s), whatever version it runs. */
    public static String engineIri(String engineId) {
        return INSTANCE_BASE + "agent/docker-engine/" + segment(engineId);
    }

    /** A named volume: a daemon's own, so named by the daemon's ID and the volume's name. */
    public static String volumeIri(String engineId, String name) {
        return INSTANCE_BASE + "volume/" + segment(engineId) + "/" + segment(name);
    }

    /** A bind mount: a path on a host, the same for every daemon and container there that mounts it. */
    public static String bindMountIri(String host, String path) {
        return INSTANCE_BASE + "bind/" + segment(host) + segments(path);
    }

    /** A tmpfs mounted at {@code path} in one container. */
    public static String tmpfsIri(String containerId, String path) {
        return containerIri(containerId) + "/tmpfs" + segments(path);
    }

    /** An anonymous volume at {@code path} of one container (its name is the daemon's, known only after). */
    public static String anonymousVolumeIri(String containerId, String path) {
        return containerIri(containerId) + "/volume" + segments(path);
    }

    /** {@code /a b/c} as {@code /a%20b/c}: each segment of an absolute path percent-encoded. */
    private static String segments(String path) {
        StringBuilder iri = new StringBuilder();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) { // "." and ".." spelled %2E: an IRI resolver would take them as dot segments
                iri.append('/').append(part.equals(".") || part.equals("..") ? part.replace(".", "%2E") : segment(part));
            }
        }
        return iri.length() == 0 ? "/" : iri.toString();
    }

    /** Every byte but RFC 3986's unreserved characters percent-encoded (UTF-8). */
    private static String segment(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    /** A plan is named by the SHA-256 of its canonical form: identical plans, one IRI. */
    public static String planIri(String sha256Hex) {
        return INSTANCE_BASE + "plan/" + sha256Hex;
    }

    /**
     * A container's run, named by the container and its start event's time: a replayed event names the same
     * run. Under {@code activity/}, as our activities are.
     */
    public static String runIri(String containerId, long startNano) {
        return INSTANCE_BASE + "activity/run/" + bareId(containerId) + "-" + startNano;
    }

    /** A run whose start was not seen, named by the container and the time it died. */
    public static String unstartedRunIri(String containerId, long dieNano) {
        return INSTANCE_BASE + "activity/run/" + bareId(containerId) + "-ended-" + dieNano;
    }

    /** One event of Docker's stream about a container: its ID, time and action name it. */
    public static String containerEventIri(String containerId, long timeNano, String action) {
        return INSTANCE_BASE + "activity/event/" + bareId(containerId) + "-" + timeNano + "-" + action;
    }

    /**
     * One image event of Docker's stream: the image's ID (or, for a pull or push, whose actor is a reference,
     * a name-based UUID of the reference), the time and the action name it.
     */
    public static String imageEventIri(String actorKey, long timeNano, String action) {
        return INSTANCE_BASE + "activity/image-event/" + segment(actorKey) + "-" + timeNano + "-" + segment(action);
    }

    /** A name an image was given on one engine at one time (nanoseconds): where its span is said. */
    public static String imageNameIri(String imageId, String engineId, String name, long fromNano) {
        return imageIri(imageId) + "/name/" + segment(engineId) + "/" + segment(name) + "/" + fromNano;
    }

    public static String execIri(String execId) {
        return INSTANCE_BASE + "activity/exec/" + execId;
    }

    public static String activityIri(String uuid) {
        return INSTANCE_BASE + "activity/" + uuid;
    }

    /** {@code sha256:abc…} and {@code abc…} name the same image. */
    public static String bareId(String id) {
        return id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
    }

    private static Resource resource(String ns, String local) {
        return ResourceFactory.createResource(ns + local);
    }

    private static Property property(String ns, String local) {
        return ResourceFactory.createProperty(ns, local);
    }
}
