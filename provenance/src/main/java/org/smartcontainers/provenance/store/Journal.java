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
import java.util.Arrays;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.Quad;

/**
 * A write-ahead log of committed batches, as N-Quads, each closed by a commit line and synced to
 * disk before the commit returns: one small fsync, instead of a TDB2 transaction, per Docker call.
 * A batch cut short by a crash has no commit line and was never acknowledged; it is ignored, and cut
 * off when the journal is opened again.
 *
 * <p>The file is kept zero-filled ahead of its last batch (a MiB at a time, synced): a batch then
 * overwrites blocks that already exist, and its fdatasync writes the data alone, without the file
 * system journal commit that growing the file needs (roughly half the time on ext4). Readers stop
 * at the last commit line, so the zeros are never read as records.
 */
final class Journal implements AutoCloseable {
    private static final String COMMIT_LINE = "# sc-commit\n";
    private static final long ZEROED_AHEAD = 1 << 20;
    private final FileChannel channel;
    /** Where the next batch goes: just after the last commit line. */
    private long end;
    /** The file's length; from {@link #end} to here it is zeros. */
    private long length;

    Journal(Path file) {
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            end = endOfLastBatch(Files.readAllBytes(file));
            channel.truncate(end); // a torn batch, or zeros: nothing to keep
            length = end;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + file, e);
        }
    }

    /** Just after the last commit line (bytes, not text: a torn batch may end inside a character). */
    private static int endOfLastBatch(byte[] journal) {
        byte[] commit = COMMIT_LINE.getBytes(StandardCharsets.US_ASCII);
        for (int at = journal.length - commit.length; at >= 0; at--) {
            if (Arrays.equals(journal, at, at + commit.length, commit, 0, commit.length)) {
                return at + commit.length;
            }
        }
        return 0;
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
        byte[] batch = bytes.toByteArray();
        if (end + batch.length > length) {
            zeroAhead(end + batch.length + ZEROED_AHEAD);
        }
        ByteBuffer buffer = ByteBuffer.wrap(batch);
        while (buffer.hasRemaining()) {
            channel.write(buffer, end + buffer.position());
        }
        channel.force(false);
        end += batch.length;
    }

    /** Grows the file with zeros to {@code newLength}, synced, so batches overwrite rather than grow it. */
    private void zeroAhead(long newLength) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate(64 << 10);
        for (long at = length; at < newLength; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), newLength - at));
            at += channel.write(zeros, at);
        }
        channel.force(true);
        length = newLength;
    }

    /** Every complete batch in the journal, in order, as graphs. */
    synchronized List<List<NamedGraph>> committedBatches() throws IOException {
        List<List<NamedGraph>> batches = new ArrayList<>();
        ByteBuffer journal = ByteBuffer.allocate(Math.toIntExact(end));
        while (journal.hasRemaining() && channel.read(journal, journal.position()) >= 0) {
            // until all of its batches are read
        }
        String text = new String(journal.array(), 0, journal.position(), StandardCharsets.UTF_8);
        int start = 0;
        for (int close; (close = text.indexOf(COMMIT_LINE, start)) >= 0; start = close + COMMIT_LINE.length()) {
            Dataset batch = DatasetFactory.create();
            RDFParser.fromString(text.substring(start, close), Lang.NQUADS).parse(batch);
            List<NamedGraph> graphs = new ArrayList<>();
            batch.asDatasetGraph().listGraphNodes().forEachRemaining((Node name) ->
                    graphs.add(new NamedGraph(name.getURI(), batch.getNamedModel(name.getURI()))));
            batches.add(graphs);
        }
        return batches;
    }

    /** The bytes of its batches (not of the zeros ahead of them). */
    synchronized long size() {
        return end;
    }

    /** Everything in the journal is in the store: start it afresh. */
    synchronized void clear() throws IOException {
        channel.truncate(0);
        channel.force(true);
        end = 0;
        length = 0;
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
