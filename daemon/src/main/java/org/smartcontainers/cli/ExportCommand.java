package org.smartcontainers.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.smartcontainers.web.export.ExportFormat;

@Parameters(commandDescription = "Write the provenance store, or with --image or --container one lineage (what made"
        + " it, from what, by whom), to standard output: TriG, Turtle, JSON-LD, PROV-N, PROV-JSON, an RO-Crate or"
        + " SLSA provenance statements. Build-argument and environment values are never recorded, so never exported")
final class ExportCommand extends ClientCommand {
    @Parameter(names = "--format", description = "trig (the store: each record in its named graph), turtle, jsonld,"
            + " provn, provjson, rocrate (a lineage), slsa (JSON Lines: a statement per build that made an image)")
    String format = "trig";

    @Parameter(names = "--image", description = "an image (name, tag or ID): export its lineage")
    String image;

    @Parameter(names = "--container", description = "a container (name or ID): export its lineage")
    String container;

    @Parameter(names = "--license", description = "rocrate: the license of the crate, an SPDX identifier (CC-BY-4.0)"
            + " or a URL; without it the crate says none was given")
    String license;

    @Override
    void run(ApiClient client, Map<String, String> env, PrintStream out) {
        if (ExportFormat.named(format).isEmpty()) {
            throw new CliException("--format must be " + ExportFormat.choices() + ", got '" + format + "'");
        }
        StringBuilder path = new StringBuilder("/sc/v1/export?format=").append(encode(format));
        if (image != null) {
            path.append("&image=").append(encode(image));
        }
        if (container != null) {
            path.append("&container=").append(encode(container));
        }
        if (license != null) {
            path.append("&license=").append(encode(license));
        }
        out.writeBytes(client.call("GET", path.toString(), null, null).body());
        out.flush();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
