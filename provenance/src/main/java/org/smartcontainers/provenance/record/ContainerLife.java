package org.smartcontainers.provenance.record;

import java.time.Instant;
import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.smartcontainers.docker.DockerEvent;
import org.smartcontainers.provenance.ThisHost;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.store.NamedGraph;

/**
 * A container's life as PROV, from Docker's event stream: each event one named graph, named after what
 * tells the event apart (container, time to the nanosecond, action), so the same event read twice is one
 * graph. A {@code start} begins a {@code docker:ContainerRun} (the graph is the run's), its {@code die}
 * ends it with the exit code and the signal of the last kill before it; a run the out-of-memory killer struck
 * says so ({@code docker:oomKilled true}, from the {@code oom} event, before or just after the die); an exec is a {@code docker:ExecRun} from {@code exec_create} to {@code exec_die}; stop, kill,
 * pause, unpause, rename, restart, oom and removal are instant activities that used the container, and a
 * removal invalidates it. Every graph says of its own name when the event came, its action and the engine
 * that sent it ({@code docker:timeNano}, {@code docker:action}, {@code docker:engineId}): where reading
 * the stream resumes.
 *
 * <p>Who: the person behind the call when it came through the proxy ({@link Agents#describe}), else the
 * Docker engine alone.
 */
public final class ContainerLife {
    /** The instant events recorded as activities of their own, by Docker's action name. */
    private static final Map<String, Resource> INSTANT = Map.of(
            "stop", Vocab.Docker.ContainerStop,
            "kill", Vocab.Docker.ContainerKill,
            "pause", Vocab.Docker.ContainerPause,
            "unpause", Vocab.Docker.ContainerUnpause,
            "rename", Vocab.Docker.ContainerRename,
            "restart", Vocab.Docker.ContainerRestart,
            "oom", Vocab.Docker.ContainerOutOfMemory,
            "destroy", Vocab.Docker.ContainerRemoval);

    private ContainerLife() {
    }

    /** Who did it: the caller's agents when the call came through the proxy, else the engine alone. */
    public record Who(Agents agents, boolean throughProxy) {
    }

    /** True for the actions {@link #instant} records. */
    public static boolean isInstant(String action) {
        return INSTANT.containsKey(action);
    }

    /** A {@code start}: a new run of the container, its graph named after the run. */
    public static NamedGraph started(DockerEvent start, String engineId, Who who, Boolean autoRemove) {
        return started(start, engineId, who, autoRemove, null);
    }

    /**
     * A {@code start}, with what the container mounts for this run as Docker says once it started
     * ({@code mounts} from its inspect, null when it could not say): the run uses each, with its target and mode.
     */
    public static NamedGraph started(DockerEvent start, String engineId, Who who, Boolean autoRemove, Mounts mounts) {
        String run = Vocab.runIri(start.actorId(), start.timeNano());
        Model model = graph(run, start, engineId);
        Resource activity = model.createResource(run)
                .addProperty(RDF.type, Vocab.Prov.Activity)
                .addProperty(RDF.type, Vocab.Docker.ContainerRun)
                .addLiteral(Vocab.Prov.startedAtTime, dateTime(model, start.time()))
                .addProperty(Vocab.Prov.used, container(model, start.actorId()));
        name(activity, start.attribute("name"));
        if (autoRemove != null) {
            activity.addLiteral(Vocab.Docker.autoRemove, autoRemove.booleanValue());
        }
        if (mounts != null) {
            mounts.describeAll(model, activity, new Mounts.Places(engineId, ThisHost.name()), start.actorId());
        }
        associate(model, activity, who);
        return new NamedGraph(run, model);
    }

    /**
     * A {@code die}: the run ends.
     *
     * @param run    the run it ends, or null when its start was not seen (then a run is named after the die)
     * @param signal the signal of the last kill during the run, or null
     * @param oom    whether an {@code oom} event came during the run (Docker may send it just after the die:
     *               then {@link #outOfMemory} says it of the run)
     */
    public static NamedGraph died(DockerEvent die, String engineId, String run, String signal, boolean oom, Who who) {
        String name = Vocab.containerEventIri(die.actorId(), die.timeNano(), die.action());
        Model model = graph(name, die, engineId);
        Resource activity;
        if (run == null) {
            activity = model.createResource(Vocab.unstartedRunIri(die.actorId(), die.timeNano()))
                    .addProperty(RDF.type, Vocab.Prov.Activity)
                    .addProperty(RDF.type, Vocab.Docker.ContainerRun)
                    .addProperty(Vocab.Prov.used, container(model, die.actorId()))
                    .addProperty(Vocab.Sc.note, "its start was not observed");
            name(activity, die.attribute("name"));
            associate(model, activity, who);
        } else {
            activity = model.createResource(run);
        }
        activity.addLiteral(Vocab.Prov.endedAtTime, dateTime(model, die.time()));
        Integer exitCode = integer(die.attribute("exitCode"));
        if (exitCode != null) {
            activity.addLiteral(Vocab.Docker.exitCode, integerLiteral(model, exitCode))
                    .addProperty(Vocab.Sc.outcome, exitCode == 0 ? "success" : "failure");
        }
        if (signal != null) {
            activity.addLiteral(Vocab.Docker.signal, signal(model, signal));
        }
        if (oom) {
            activity.addLiteral(Vocab.Docker.oomKilled, true);
        }
        return new NamedGraph(name, model);
    }

    /**
     * An {@code exec_create}: the exec's run, with its command as create records commands (a JSON array
     * of its words, when Docker still answers for the exec) and as the event gives it. Never its environment.
     */
    public static NamedGraph execCreated(DockerEvent create, String engineId, String execId, String commandJson,
            String user) {
        String name = Vocab.containerEventIri(create.actorId(), create.timeNano(), create.action());
        Model model = graph(name, create, engineId);
        Resource exec = exec(model, create, execId);
        if (commandJson != null) {
            exec.addProperty(Vocab.Docker.command, commandJson);
        }
        if (create.detail() != null && !create.detail().isEmpty()) {
            exec.addProperty(Vocab.Docker.commandLine, create.detail());
        }
        if (user != null && !user.isEmpty()) {
            exec.addProperty(Vocab.Docker.user, user);
        }
        return new NamedGraph(name, model);
    }

    /** An {@code exec_start}: the exec begins, started by who. */
    public static NamedGraph execStarted(DockerEvent start, String engineId, String execId, Who who) {
        String name = Vocab.containerEventIri(start.actorId(), start.timeNano(), start.action());
        Model model = graph(name, start, engineId);
        Resource exec = exec(model, start, execId).addLiteral(Vocab.Prov.startedAtTime, dateTime(model, start.time()));
        associate(model, exec, who);
        return new NamedGraph(name, model);
    }

    /** An {@code exec_die}: the exec ends, with the exit code Docker gives (20.10 and 26 both do). */
    public static NamedGraph execDied(DockerEvent die, String engineId, String execId) {
        String name = Vocab.containerEventIri(die.actorId(), die.timeNano(), die.action());
        Model model = graph(name, die, engineId);
        Resource exec = exec(model, die, execId).addLiteral(Vocab.Prov.endedAtTime, dateTime(model, die.time()));
        Integer exitCode = integer(die.attribute("exitCode"));
        if (exitCode != null) {
            exec.addLiteral(Vocab.Docker.exitCode, integerLiteral(model, exitCode))
                    .addProperty(Vocab.Sc.outcome, exitCode == 0 ? "success" : "failure");
        }
        return new NamedGraph(name, model);
    }

    /** Stop, kill, pause, unpause, rename, restart, oom or removal: an instant activity of its own, the graph's. */
    public static NamedGraph instant(DockerEvent event, String engineId, Who who) {
        Resource type = INSTANT.get(event.action());
        if (type == null) {
            throw new IllegalArgumentException("not an instant event of a container's life: " + event.action());
        }
        String name = Vocab.containerEventIri(event.actorId(), event.timeNano(), event.action());
        Model model = graph(name, event, engineId);
        Literal at = dateTime(model, event.time());
        Resource container = container(model, event.actorId());
        Resource activity = model.createResource(name)
                .addProperty(RDF.type, Vocab.Prov.Activity)
                .addProperty(RDF.type, type)
                .addLiteral(Vocab.Prov.startedAtTime, at)
                .addLiteral(Vocab.Prov.endedAtTime, at)
                .addProperty(Vocab.Prov.used, container);
        name(activity, event.attribute("name"));
        if (event.attribute("signal") != null) {
            activity.addLiteral(Vocab.Docker.signal, signal(model, event.attribute("signal")));
        }
        String oldName = event.attribute("oldName");
        if (oldName != null) {
            activity.addProperty(Vocab.Docker.oldName, oldName.startsWith("/") ? oldName.substring(1) : oldName);
        }
        if (type.equals(Vocab.Docker.ContainerRemoval)) {
            container.addProperty(Vocab.Prov.wasInvalidatedBy, activity);
        }
        associate(model, activity, who);
        return new NamedGraph(name, model);
    }

    /**
     * An {@code oom}: an instant event, and {@code docker:oomKilled} of the run it struck, the container's
     * latest run started before it (null if none was seen). Docker 26 may send it a moment after the die.
     */
    public static NamedGraph outOfMemory(DockerEvent oom, String engineId, Who who, String run) {
        NamedGraph graph = instant(oom, engineId, who);
        if (run != null) {
            graph.model().createResource(run).addLiteral(Vocab.Docker.oomKilled, true);
        }
        return graph;
    }

    /** A graph that says of its own name which event it records. */
    /** A graph for one of Docker's events: its name says of itself which event it records (timeNano, action, engine). */
    static Model graph(String name, DockerEvent event, String engineId) {
        Model model = ModelFactory.createDefaultModel();
        model.createResource(name)
                .addLiteral(Vocab.Docker.timeNano, model.createTypedLiteral(event.timeNano(), XSDDatatype.XSDlong))
                .addProperty(Vocab.Docker.action, event.action())
                .addProperty(Vocab.Docker.engineId, engineId);
        return model;
    }

    private static Resource exec(Model model, DockerEvent event, String execId) {
        return model.createResource(Vocab.execIri(execId))
                .addProperty(RDF.type, Vocab.Prov.Activity)
                .addProperty(RDF.type, Vocab.Docker.ExecRun)
                .addProperty(Vocab.Docker.execId, execId)
                .addProperty(Vocab.Prov.used, container(model, event.actorId()));
    }

    private static Resource container(Model model, String containerId) {
        return model.createResource(Vocab.containerIri(containerId))
                .addProperty(RDF.type, Vocab.Prov.Entity)
                .addProperty(RDF.type, Vocab.Docker.Container)
                .addProperty(Vocab.Docker.id, Vocab.bareId(containerId));
    }

    private static void name(Resource activity, String name) {
        if (name != null && !name.isEmpty()) {
            activity.addProperty(Vocab.Docker.name, name.startsWith("/") ? name.substring(1) : name);
        }
    }

    static void associate(Model model, Resource activity, Who who) {
        if (who.throughProxy()) {
            who.agents().describe(model, activity);
        } else {
            who.agents().describeEngine(model, activity);
        }
    }

    private static Integer integer(String text) {
        try {
            return text == null ? null : Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An xsd:integer, what a number in a query is: {@code docker:exitCode 3} finds it (TDB2 keeps xsd:int apart). */
    private static Literal integerLiteral(Model model, int value) {
        return model.createTypedLiteral(Integer.toString(value), XSDDatatype.XSDinteger);
    }

    /** A signal as Docker gives it: a number (an xsd:integer), or as written when it is not one. */
    private static Literal signal(Model model, String signal) {
        Integer number = integer(signal);
        return number != null ? integerLiteral(model, number) : model.createLiteral(signal);
    }

    /** To the nanosecond, as Docker gives event times. */
    /** An event's time to the nanosecond Docker gives. */
    static Literal dateTime(Model model, Instant instant) {
        return model.createTypedLiteral(instant.toString(), XSDDatatype.XSDdateTime);
    }
}
