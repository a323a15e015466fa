package io.envaudit.engine.json;

import io.envaudit.schemas.EnvironmentSnapshot;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/snapshot.md documents every field of the schema, and its example reads as a snapshot. */
class SnapshotDocsTest {
    private static final Path DOC = Path.of("..", "docs", "snapshot.md");

    @Test
    void everySchemaFieldIsDocumented() throws IOException {
        String doc = Files.readString(DOC);
        List<String> missing = new ArrayList<>();
        collect(EnvironmentSnapshot.getClassSchema(), "", doc, missing);
        assertEquals(List.of(), missing, "fields of the schema not in docs/snapshot.md");
    }

    @Test
    void theExampleIsAValidSnapshot() throws IOException {
        Matcher example = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
        example.find();
        EnvironmentSnapshot snapshot = AvroPlainJson.read(new StringReader(example.group(1)), "docs/snapshot.md",
                EnvironmentSnapshot.getClassSchema());
        assertEquals("4f1c9e2a//opt/conda/envs/tf", snapshot.getEnvironment().getId());
    }

    private static void collect(Schema record, String prefix, String doc, List<String> missing) {
        for (Schema.Field field : record.getFields()) {
            String path = prefix + field.name();
            if (!doc.contains("| `" + path + "` |")) {
                missing.add(path);
            }
            Schema type = field.schema();
            if (type.getType() == Schema.Type.RECORD) {
                collect(type, path + ".", doc, missing);
            } else if (type.getType() == Schema.Type.ARRAY && type.getElementType().getType() == Schema.Type.RECORD) {
                collect(type.getElementType(), path + "[].", doc, missing);
            }
        }
    }
}
