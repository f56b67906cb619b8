package org.smartcontainers.provenance.recording;

import static org.smartcontainers.provenance.store.SparqlText.literal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSetRewindable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcontainers.docker.DockerClient;
import org.smartcontainers.docker.DockerEvent;
import org.smartcontainers.docker.UnixHttp;
import org.smartcontainers.provenance.Vocab;
import org.smartcontainers.provenance.record.ContainerLife;
import org.smartcontainers.provenance.record.ImageHistory;
import org.smartcontainers.provenance.record.Mounts;
import org.smartcontainers.provenance.store.NamedGraph;
import org.smartcontainers.provenance.store.RecordWriter;
import org.smartcontainers.provenance.store.StoreException;
import org.smartcontainers.provenance.store.SparqlText;

/**
 * Follows Docker's stream of container events and records each container's life ({@link ContainerLife}):
 * every start, through the proxy or not, to its death; execs; stop, kill, pause, unpause, rename, restart,
 * oom and removal. Nothing on a Docker call's path waits for it. Two threads: the reader takes each event as
 * it comes and asks Docker at once what it may soon forget (an exec's command, gone with its container; a
 * started container's auto-removal); the recorder stores the events one after the other, each before the
 * next, so what a {@code die} needs (its run, the kills and oom during it) is in the store when it comes.
 *
 * <p>Nothing is lost while this daemon is down or the stream breaks, as far back as Docker remembers its
 * events: each connection asks Docker for the events since the last one the store holds from this engine
 * ({@code docker:timeNano} of the graphs it wrote; at the first start ever, since the daemon started), and
 * reconnects with a growing pause (to 5 s) when Docker goes away. An event read again whose graph is in the
 * store already is skipped: replayed events are never recorded twice (the store is asked only for those at or
 * before where the connection began: each read forces the store's pending writes into TDB2). An event that could not be stored drops
 * what was read after it and has the stream read again from the last one stored, after a pause that grows
 * while the store keeps failing.
 *
 * <p>Image events (pull, push, load, import, tag, untag, delete) come on the same stream and are recorded in
 * the same order by {@link ImageOrigins}: where images come from and what they are called.
 */
public final class ContainerEvents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerEvents.class);
    private static final long MAX_RECONNECT_PAUSE_MILLIS = 5_000;
    private static final long CLOSE_WAIT_SECONDS = 10;
    private static final int QUEUE_BOUND = 10_000;
    /** Only full IDs go into a query's text (they come from Docker, but a query is no place to trust that). */
    private static final Pattern FULL_ID = Pattern.compile("[0-9a-f]{64}");

    private final DockerClient docker;
    private final RecordKeeper keeper;
    private final Attribution attribution;
    private final ProxiedCalls calls;
    private final ImageOrigins images;
    private volatile boolean closed;
    private volatile UnixHttp.Streamed events;
    /** Read and not yet recorded; bounded, so a store that falls behind slows the reading of Docker's stream. */
    private final BlockingQueue<Read> queue = new LinkedBlockingQueue<>(QUEUE_BOUND);
    private Thread reader;
    private Thread recorder;
    /** Counts the reader's connections to the stream. */
    private final AtomicLong connections = new AtomicLong();
    /**
     * Set by the recorder when an event could not be stored: what connections before this one read is dropped,
     * and the reader reconnects, reading again from the last event stored.
     */
    private volatile long readAgainFrom;

    public ContainerEvents(DockerClient docker, Recording recording) {
        this.docker = docker;
        this.keeper = recording.keeper();
        this.attribution = recording.attribution();
        this.calls = recording.calls();
        this.images = new ImageOrigins(docker, keeper, attribution, calls, recording.imageLabels());
    }

    /**
     * Follows the stream from where the store's record of this engine ends, or from {@code firstSince} when it
     * holds none; returns at once.
     */
    public synchronized void start(Instant firstSince) {
        long since = firstSince.getEpochSecond() * 1_000_000_000L + firstSince.getNano();
        reader = daemonThread(() -> follow(since), "sc-container-events");
        recorder = daemonThread(this::recordQueued, "sc-container-runs");
    }

    private static Thread daemonThread(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * An event as read, on which connection to the stream, with what Docker said of it then (an exec's process,
     * a started container) or null.
     */
    private record Read(long connection, String engine, DockerEvent event, JsonNode details, long resumedFrom) {
        /**
         * Whether the event may be in the store already: only one the connection read again, at or before the last
         * event recorded when it connected (each event is stored before the next is recorded, so the store holds
         * none after that one). Only those are looked for in the store.
         */
        boolean mayBeRecorded() {
            return event.timeNano() <= resumedFrom;
        }
    }

    /** The reader: connects, reads, and asks Docker at once what it may soon forget; the recorder does the rest. */
    private void follow(long firstSince) {
        long pause = 100;
        while (!closed) {
            try {
                long connection = connections.incrementAndGet();
                String engine = docker.askEngineId().orElseThrow(() -> new IOException("the Docker daemon does not answer"));
                long since = lastRecorded(engine).orElse(firstSince);
                try (UnixHttp.Streamed stream = docker.containerAndImageEvents(since)) {
                    events = stream;
                    if (stream.status() != 200) {
                        throw new IOException("the daemon answered HTTP " + stream.status() + " to GET /events");
                    }
                    LOG.info("recording container runs from Docker's events since {}", Instant.ofEpochSecond(0, since));
                    pause = 100;
                    DockerEvent.Stream messages = DockerEvent.stream(stream.body());
                    while (!closed && messages.advance()) {
                        if (connection < readAgainFrom) {
                            throw new IOException("an event was not stored");
                        }
                        DockerEvent event = recordable(messages);
                        Read read = event == null ? null : new Read(connection, engine, event, details(event), since);
                        while (read != null && !closed && !queue.offer(read, 100, TimeUnit.MILLISECONDS)) {
                            // the recorder is behind: Docker's stream waits
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    // Said once when the stream is lost, not at every attempt while Docker stays away.
                    if (pause == 100) {
                        LOG.info("container events: {}; reading them again from the last one recorded once Docker answers",
                                said(e));
                    } else {
                        LOG.debug("container events: {}", e.toString());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                events = null;
            }
            pause = pause(pause);
        }
    }

    /**
     * What Docker says of an exec when it is created (its process: Docker forgets it with its container, which
     * may be removed a moment later) and of a started container (whether it goes when it dies, what it mounts), asked as the
     * event is read, before the recorder's turn comes.
     */
    private JsonNode details(DockerEvent event) {
        if (event.type().equals("image")) {
            return images.details(event);
        }
        return switch (event.action()) {
            case "exec_create" -> docker.exec(event.attribute("execID")).map(json -> json.path("ProcessConfig")).orElse(null);
            case "start" -> docker.containerDetails(event.actorId()).orElse(null);
            default -> null;
        };
    }

    /** The recorder: one event after the other, each stored before the next (a die finds its run in the store). */
    private void recordQueued() {
        long pause = 100;
        while (!closed) {
            Read read;
            try {
                read = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (read == null || read.connection() < readAgainFrom) {
                continue; // read after an event that was not stored: it comes again on a later connection
            }
            try {
                record(read);
                pause = 100;
            } catch (RuntimeException e) {
                // Read again from the last event stored (a new connection), after a pause that grows while the store fails.
                LOG.warn("container events: not recorded ({}); reading them again from the last one recorded", said(e));
                readAgainFrom = connections.get() + 1;
                closeStream();
                pause = pause(pause);
            }
        }
    }

    /** The event, if it is one of a container's life that is recorded; null for anything else. */
    private static DockerEvent recordable(DockerEvent.Stream message) {
        DockerEvent event = message.event();
        if (event == null) {
            LOG.debug("container events: a message that is not an event is skipped: {}", message.notAnEvent());
            return null;
        }
        if (event.type().equals("image")) {
            return ImageOrigins.recordable(event) ? event : null;
        }
        if (!event.type().isEmpty() && !event.type().equals("container") || !FULL_ID.matcher(event.actorId()).matches()) {
            return null;
        }
        String action = event.action();
        String execId = event.attribute("execID");
        if (action.startsWith("exec_")) {
            boolean run = action.equals("exec_create") || action.equals("exec_start") || action.equals("exec_die");
            return run && execId != null && FULL_ID.matcher(execId).matches() ? event : null;
        }
        return action.equals("start") || action.equals("die") || ContainerLife.isInstant(action) ? event : null;
    }

    private void record(Read read) {
        DockerEvent event = read.event();
        String engine = read.engine();
        String action = event.action();
        String execId = event.attribute("execID");
        if (event.type().equals("image")) {
            if (!read.mayBeRecorded() || !keeper.hasGraph(ImageHistory.graphName(event))) {
                try {
                    store(images.record(engine, event, read.details()), "image " + event.actorId() + "'s " + action);
                } catch (RuntimeException e) {
                    images.recordNotStored();
                    throw e;
                }
            }
            return;
        }
        String name = action.equals("start") ? Vocab.runIri(event.actorId(), event.timeNano())
                : Vocab.containerEventIri(event.actorId(), event.timeNano(), action);
        if (read.mayBeRecorded() && keeper.hasGraph(name)) {
            return; // read again after a reconnection: recorded already
        }
        NamedGraph graph = switch (action) {
            case "start" -> ContainerLife.started(event, engine, who(event, "start"),
                    autoRemove(read.details() == null ? null : read.details().path("HostConfig")),
                    read.details() == null ? null : Mounts.ofInspect(read.details()));
            case "die" -> died(engine, event);
            case "exec_create" -> execCreated(engine, event, execId, read.details());
            case "exec_start" -> ContainerLife.execStarted(event, engine, execId, who(event, "exec_start"));
            case "exec_die" -> ContainerLife.execDied(event, engine, execId);
            case "oom" -> ContainerLife.outOfMemory(event, engine, who(event, action), latestRun(engine, event).run());
            default -> ContainerLife.instant(event, engine, who(event, action));
        };
        store(graph, "container " + event.actorId() + "'s " + action);
    }

    private void store(NamedGraph graph, String what) {
        RecordWriter.Outcome outcome = keeper.submit(graph).join();
        if (outcome == RecordWriter.Outcome.FAILED) {
            throw new StoreException("the record of " + what + " was not stored", null);
        }
    }

    /** The person behind the call when it came through the proxy, else the Docker engine alone. */
    private ContainerLife.Who who(DockerEvent event, String action) {
        Caller caller = action.equals("exec_start")
                ? calls.take(action, event.attribute("execID"), event.time())
                : calls.take(action, event.actorId(), event.time(), event.attribute("name"), event.attribute("oldName"));
        return caller == null ? new ContainerLife.Who(attribution.engine(), false)
                : new ContainerLife.Who(attribution.agents(caller), true);
    }

    /** Whether the container goes when it dies ({@code run --rm}), as Docker said when its start was read. */
    private static Boolean autoRemove(JsonNode hostConfig) {
        JsonNode autoRemove = hostConfig == null ? null : hostConfig.path("AutoRemove");
        return autoRemove != null && autoRemove.isBoolean() ? autoRemove.asBoolean() : null;
    }

    /** The container's latest run started before the event (its graph's name and start), or none. */
    private record Run(String run, long started) {
    }

    private Run latestRun(String engine, DockerEvent event) {
        ResultSetRewindable runs = keeper.select(SparqlText.PREFIXES + "SELECT ?run ?n WHERE { GRAPH ?run { ?run a docker:ContainerRun;"
                + " prov:used <" + Vocab.containerIri(event.actorId()) + ">; docker:timeNano ?n; docker:engineId "
                + literal(engine) + " } FILTER(?n <= " + event.timeNano() + ") } ORDER BY DESC(?n) LIMIT 1");
        if (!runs.hasNext()) {
            return new Run(null, 0);
        }
        QuerySolution row = runs.next();
        return new Run(row.getResource("run").getURI(), row.getLiteral("n").getLong());
    }

    /** The run a {@code die} ends (the latest start before it, not ended yet), the last kill's signal and any oom during it. */
    private NamedGraph died(String engine, DockerEvent die) {
        String container = "<" + Vocab.containerIri(die.actorId()) + ">";
        Run latest = latestRun(engine, die);
        boolean ended = latest.run() != null
                && keeper.ask(SparqlText.PREFIXES + "ASK { GRAPH ?g { <" + latest.run() + "> prov:endedAtTime ?e } }");
        String run = ended ? null : latest.run();
        String signal = null;
        boolean oom = false;
        if (run != null) {
            String window = " FILTER(?n >= " + latest.started() + " && ?n <= " + die.timeNano() + ") ";
            ResultSetRewindable kills = keeper.select(SparqlText.PREFIXES + "SELECT ?signal WHERE { GRAPH ?k { ?k a docker:ContainerKill;"
                    + " prov:used " + container + "; docker:timeNano ?n; docker:signal ?signal }" + window
                    + "} ORDER BY DESC(?n) LIMIT 1");
            signal = kills.hasNext() ? kills.next().getLiteral("signal").getLexicalForm() : null;
            oom = keeper.ask(SparqlText.PREFIXES + "ASK { GRAPH ?o { ?o a docker:ContainerOutOfMemory; prov:used " + container
                    + "; docker:timeNano ?n }" + window + "}");
        }
        return ContainerLife.died(die, engine, run, signal, oom, new ContainerLife.Who(attribution.engine(), false));
    }

    /** The exec's command as Docker knew it when the event was read (entrypoint and arguments, never the environment). */
    private static NamedGraph execCreated(String engine, DockerEvent create, String execId, JsonNode processConfig) {
        Optional<JsonNode> process = Optional.ofNullable(processConfig);
        String command = process.map(p -> {
            ArrayNode words = JsonNodeFactory.instance.arrayNode();
            if (p.path("entrypoint").isTextual()) {
                words.add(p.path("entrypoint").asText());
            }
            p.path("arguments").forEach(words::add);
            return words.isEmpty() ? null : words.toString();
        }).orElse(null);
        String user = process.map(p -> p.path("user").asText(null)).orElse(null);
        return ContainerLife.execCreated(create, engine, execId, command, user);
    }

    /** The time of the last event of this engine the store holds. */
    private Optional<Long> lastRecorded(String engine) {
        ResultSetRewindable last = keeper.select(SparqlText.PREFIXES + "SELECT (MAX(?n) AS ?last) WHERE { GRAPH ?g { ?g docker:timeNano ?n;"
                + " docker:engineId " + literal(engine) + " } }");
        if (!last.hasNext()) {
            return Optional.empty();
        }
        QuerySolution row = last.next();
        return row.contains("last") ? Optional.of(row.getLiteral("last").getLong()) : Optional.empty();
    }

    /** Sleeps in short steps, so that closing never waits for a whole pause; the next pause. */
    private long pause(long pause) {
        try {
            for (long slept = 0; slept < pause && !closed; slept += 50) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
        return Math.min(pause * 2, MAX_RECONNECT_PAUSE_MILLIS);
    }

    /** Stops following; an event being recorded is stored first (bounded). What comes later is read at the next start. */
    @Override
    public synchronized void close() {
        closed = true;
        closeStream();
        for (Thread thread : new Thread[] {reader, recorder}) {
            if (thread != null) {
                try {
                    thread.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Ends the reader's blocking read: it reconnects, unless closed. */
    private void closeStream() {
        UnixHttp.Streamed stream = events;
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** What went wrong, in words: the message, else the kind of failure without its Java type. */
    private static String said(Exception e) {
        return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : "an unexpected failure";
    }
}
