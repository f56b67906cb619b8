package org.smartcontainers.provenance.record;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Statement;
import org.smartcontainers.provenance.Vocab;

/**
 * Texts longer than a record keeps, recorded by their digest: {@code "sha256:…"^^sc:textDigest} in place of
 * the text. Docker bounds no label, command or name; one of megabytes, kept whole, would be in the record, in
 * the label on what the call made (so twice on it) and read back at every start, on a daemon whose heap is
 * small. The digest still tells equal texts apart from different ones and can be checked against the text.
 */
public final class LongTexts {
    /** Characters a recorded text may have: far more than a label, a command or a path usually does. */
    public static final int MAX_CHARS = 64 << 10;
    private static final RDFDatatype TEXT_DIGEST = TypeMapper.getInstance().getSafeTypeByName(Vocab.Sc.TEXT_DIGEST);

    private LongTexts() {
    }

    /** Replaces, in {@code model}, every literal longer than {@link #MAX_CHARS} by its digest. */
    public static void digestIn(Model model) {
        List<Statement> tooLong = new ArrayList<>();
        model.listStatements().forEachRemaining(statement -> {
            RDFNode object = statement.getObject();
            if (object.isLiteral() && object.asLiteral().getLexicalForm().length() > MAX_CHARS) {
                tooLong.add(statement);
            }
        });
        for (Statement statement : tooLong) {
            statement.changeObject(digest(model, statement.getLiteral()));
        }
    }

    static Literal digest(Model model, Literal text) {
        return model.createTypedLiteral("sha256:" + Canonical.sha256Hex(text.getLexicalForm()), TEXT_DIGEST);
    }
}
