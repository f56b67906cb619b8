package org.smartcontainers.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;

/**
 * Is a JSON document an in-toto Statement v1 carrying SLSA Build Provenance v1? Judged by networknt's
 * JSON Schema validator against {@code slsa-provenance-v1.schema.json} beside this class (its sources
 * are in the README there), formats asserted.
 */
public final class SlsaSchema {
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(
            SlsaSchema.class.getResourceAsStream("slsa-provenance-v1.schema.json"),
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());

    private SlsaSchema() {
    }

    /** What the schema finds wrong, one message each; empty when the statement is valid. */
    public static List<String> problems(JsonNode statement) {
        return SCHEMA.validate(statement).stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
