package org.smartcontainers.provenance.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.smartcontainers.provenance.Vocab;

/**
 * What a create asks to mount, read as the daemon reads it ({@code HostConfig.Binds}, {@code .Mounts},
 * {@code .Tmpfs}, {@code Config.Volumes}): each mount an entity named for what it is (a named volume by
 * its daemon and name, a bind mount by host and path, a tmpfs or an anonymous volume by its container
 * and target), and each use a {@code prov:Usage} with its target and mode. So "who else used volume V"
 * is a query. A later entry for the same target replaces an earlier one, as in the daemon; volumes an
 * image declares ({@code VOLUME}) are the daemon's to add and are not seen here.
 */
public final class Mounts {
    /**
     * Where the mounts live: the daemon that owns named volumes (its ID, null when it could not say),
     * the host whose paths bind mounts are.
     */
    public record Places(String engineId, String host) {
    }

    private enum Kind { VOLUME, BIND, TMPFS, ANONYMOUS_VOLUME }

    /** One mount as the create asks for it: a source (volume name or host path; null for tmpfs and anonymous). */
    private record Use(Kind kind, String source, String target, boolean readOnly) {
    }

    private final Map<String, Use> byTarget = new LinkedHashMap<>();

    private Mounts() {
    }

    /** The create's mounts, by target. */
    public static Mounts of(JsonNode body) {
        Mounts mounts = new Mounts();
        JsonNode host = body.path("HostConfig");
        for (Iterator<String> targets = fieldNames(body.path("Volumes")); targets.hasNext(); ) {
            String target = targets.next();
            mounts.put(new Use(Kind.ANONYMOUS_VOLUME, null, target, false));
        }
        for (JsonNode bind : ContainerCreate.iterable(host.get("Binds"))) {
            mounts.bind(bind.asText(""));
        }
        for (JsonNode mount : ContainerCreate.iterable(host.get("Mounts"))) {
            mounts.mount(mount);
        }
        for (Iterator<Map.Entry<String, JsonNode>> tmpfs = fields(host.path("Tmpfs")); tmpfs.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = tmpfs.next();
            mounts.put(new Use(Kind.TMPFS, null, entry.getKey(), hasOption(entry.getValue().asText(""), "ro")));
        }
        return mounts;
    }

    /**
     * What a container mounts as Docker says once it exists ({@code docker inspect}'s {@code Mounts}): every
     * volume by its name (an anonymous one too: the daemon has named it by now), bind mounts and tmpfs
     * mounts with their destination and mode.
     */
    public static Mounts ofInspect(JsonNode container) {
        Mounts mounts = new Mounts();
        for (JsonNode mount : ContainerCreate.iterable(container.get("Mounts"))) {
            String type = mount.path("Type").asText("");
            String target = mount.path("Destination").asText("");
            boolean readOnly = !mount.path("RW").asBoolean(true);
            switch (type) {
                case "volume" -> {
                    String name = mount.path("Name").asText("");
                    mounts.put(name.isEmpty() ? new Use(Kind.ANONYMOUS_VOLUME, null, target, readOnly)
                            : new Use(Kind.VOLUME, name, target, readOnly));
                }
                case "bind" -> mounts.put(new Use(Kind.BIND, mount.path("Source").asText(""), target, readOnly));
                case "tmpfs" -> mounts.put(new Use(Kind.TMPFS, null, target, readOnly));
                default -> {
                    // npipe, cluster, image: nothing a record can name here
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> tmpfs = fields(container.path("HostConfig").path("Tmpfs")); tmpfs.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = tmpfs.next();
            mounts.put(new Use(Kind.TMPFS, null, entry.getKey(), hasOption(entry.getValue().asText(""), "ro")));
        }
        return mounts;
    }

    /** Every use, named volumes and bind mounts by what they are, the others by the container. */
    void describeAll(Model model, Resource activity, Places places, String containerId) {
        describeNamed(model, activity, places);
        describeOwn(model, activity, places, containerId);
    }

    private void put(Use use) {
        if (use.target != null && !use.target.isEmpty()) {
            byTarget.remove(use.target);
            byTarget.put(use.target, use);
        }
    }

    /** {@code src:dst[:options]}: an absolute source is a host path, any other a volume's name. */
    private void bind(String spec) {
        String[] parts = spec.split(":", 3);
        if (parts.length < 2 || parts[0].isEmpty()) {
            put(new Use(Kind.ANONYMOUS_VOLUME, null, parts[0], false)); // "/data" alone: an anonymous volume
            return;
        }
        boolean readOnly = parts.length > 2 && hasOption(parts[2], "ro");
        put(new Use(parts[0].startsWith("/") ? Kind.BIND : Kind.VOLUME, parts[0], parts[1], readOnly));
    }

    private void mount(JsonNode mount) {
        String type = mount.path("Type").asText("");
        String source = mount.path("Source").asText("");
        String target = mount.path("Target").asText("");
        boolean readOnly = mount.path("ReadOnly").asBoolean(false);
        switch (type) {
            case "bind" -> put(new Use(Kind.BIND, source, target, readOnly));
            case "volume" -> put(new Use(source.isEmpty() ? Kind.ANONYMOUS_VOLUME : Kind.VOLUME,
                    source.isEmpty() ? null : source, target, readOnly));
            case "tmpfs" -> put(new Use(Kind.TMPFS, null, target, readOnly));
            default -> {
                // npipe, cluster, image: not on Linux daemons, or nothing a record can name
            }
        }
    }

    private static boolean hasOption(String options, String option) {
        for (String given : options.split(",")) {
            if (given.trim().equals(option)) {
                return true;
            }
        }
        return false;
    }

    /** The uses whose entities are named before the container exists (named volumes, bind mounts). */
    void describeNamed(Model model, Resource activity, Places places) {
        for (Use use : byTarget.values()) {
            if (use.kind == Kind.VOLUME && places.engineId() != null || use.kind == Kind.BIND) {
                used(model, activity, entity(model, use, places, null), use);
            }
        }
    }

    /** The uses named by the container (tmpfs, anonymous volumes), once its ID is known. */
    void describeOwn(Model model, Resource activity, Places places, String containerId) {
        for (Use use : byTarget.values()) {
            if (use.kind == Kind.TMPFS || use.kind == Kind.ANONYMOUS_VOLUME
                    || use.kind == Kind.VOLUME && places.engineId() == null) {
                used(model, activity, entity(model, use, places, containerId), use);
            }
        }
    }

    private static Resource entity(Model model, Use use, Places places, String containerId) {
        Resource entity = switch (use.kind) {
            case VOLUME -> places.engineId() != null
                    ? model.createResource(Vocab.volumeIri(places.engineId(), use.source))
                            .addProperty(RDF.type, Vocab.Docker.Volume)
                            .addProperty(Vocab.Docker.name, use.source)
                            .addProperty(Vocab.Docker.engineId, places.engineId())
                    // the daemon could not say who it is: the volume is known by name on this container alone
                    : model.createResource(Vocab.anonymousVolumeIri(containerId, use.target))
                            .addProperty(RDF.type, Vocab.Docker.Volume)
                            .addProperty(Vocab.Docker.name, use.source);
            case BIND -> model.createResource(Vocab.bindMountIri(places.host(), use.source))
                    .addProperty(RDF.type, Vocab.Docker.BindMount)
                    .addProperty(Vocab.Docker.source, use.source)
                    .addProperty(Vocab.Docker.host, places.host());
            case TMPFS -> model.createResource(Vocab.tmpfsIri(containerId, use.target))
                    .addProperty(RDF.type, Vocab.Docker.Tmpfs);
            case ANONYMOUS_VOLUME -> model.createResource(Vocab.anonymousVolumeIri(containerId, use.target))
                    .addProperty(RDF.type, Vocab.Docker.Volume)
                    .addLiteral(Vocab.Docker.anonymous, true);
        };
        return entity.addProperty(RDF.type, Vocab.Docker.Mount).addProperty(RDF.type, Vocab.Prov.Entity);
    }

    private static void used(Model model, Resource activity, Resource entity, Use use) {
        activity.addProperty(Vocab.Prov.used, entity);
        activity.addProperty(Vocab.Prov.qualifiedUsage, model.createResource()
                .addProperty(RDF.type, Vocab.Prov.Usage)
                .addProperty(Vocab.Prov.entity, entity)
                .addProperty(Vocab.Docker.target, use.target)
                .addLiteral(Vocab.Docker.readOnly, use.readOnly));
    }

    private static Iterator<String> fieldNames(JsonNode node) {
        return node.isObject() ? node.fieldNames() : new ArrayList<String>().iterator();
    }

    private static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        return node.isObject() ? node.fields() : new ArrayList<Map.Entry<String, JsonNode>>().iterator();
    }

    /** For tests: the targets in the order the daemon would mount them. */
    List<String> targets() {
        return List.copyOf(byTarget.keySet());
    }
}
