package org.smartcontainers.provenance.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;

/**
 * A write-ahead log of committed batches, as N-Quads, each closed by a commit line and synced to
 * disk before the commit returns: one small fsync, instead of a TDB2 transaction, per Docker call.
 * A batch cut short by a crash has no commit line and was never acknowledged; it is ignored.
 */
final class Journal implements AutoCloseable {
    private static final String COMMIT_LINE = "# sc-commit\n";
    private final Path file;
    private final FileChannel channel;

    Journal(Path file) {
        this.file = file;
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + file, e);
        }
    }

    /** Appends one batch and forces it to disk. */
    synchronized void append(List<NamedGraph> graphs) throws IOException {
        // Quads streamed straight from each graph: no dataset copy on the way to the disk.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192 * graphs.size());
        StreamRDF out = StreamRDFWriter.getWriterStream(bytes, Lang.NQUADS);
        out.start();
        for (NamedGraph g : graphs) {
            Node name = NodeFactory.createURI(g.name());
            g.model().getGraph().find().forEachRemaining(t -> out.quad(Quad.create(name, t)));
        }
        out.finish();
        bytes.write(COMMIT_LINE.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
    }

    /** Every complete batch in the journal, in order, as graphs. */
    synchronized List<List<NamedGraph>> committedBatches() throws IOException {
        List<List<NamedGraph>> batches = new ArrayList<>();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int start = 0;
        for (int end; (end = text.indexOf(COMMIT_LINE, start)) >= 0; start = end + COMMIT_LINE.length()) {
            Dataset batch = DatasetFactory.create();
            RDFParser.fromString(text.substring(start, end), Lang.NQUADS).parse(batch);
            List<NamedGraph> graphs = new ArrayList<>();
            batch.asDatasetGraph().listGraphNodes().forEachRemaining((Node name) ->
                    graphs.add(new NamedGraph(name.getURI(), batch.getNamedModel(name.getURI()))));
            batches.add(graphs);
        }
        return batches;
    }

    synchronized long size() throws IOException {
        return channel.size();
    }

    /** Everything in the journal is in the store: start it afresh. */
    synchronized void clear() throws IOException {
        channel.truncate(0);
        channel.force(true);
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
