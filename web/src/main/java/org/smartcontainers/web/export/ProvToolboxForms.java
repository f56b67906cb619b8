package org.smartcontainers.web.export;

import java.io.OutputStream;
import org.apache.jena.rdf.model.Model;
import org.openprovenance.prov.model.Document;
import org.openprovenance.prov.vanilla.ProvFactory;

/** PROV-N and PROV-JSON, written by ProvToolbox from our graph ({@link ProvDocuments}). */
public final class ProvToolboxForms {
    private ProvToolboxForms() {
    }

    public static void writeProvN(Model model, OutputStream out) {
        Document document = ProvDocuments.forProvN(model);
        new org.openprovenance.prov.notation.ProvSerialiser(ProvFactory.getFactory()).serialiseDocument(out, document, true);
    }

    public static void writeProvJson(Model model, OutputStream out) {
        Document document = ProvDocuments.forProvJson(model);
        new org.openprovenance.prov.core.json.serialization.ProvSerialiser().serialiseDocument(out, document, true);
    }
}
