package io.envaudit.engine.json;

import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AvroPlainJsonTest {
    private static final String MINIMAL = """
            {
              "host": {"id": "4f1c", "hostname": "gpu-07", "labels": {"team": "ml-vision"}},
              "environment": {"id": "4f1c//opt/conda/envs/tf", "prefix": "/opt/conda/envs/tf", "manager": "conda"},
              "platform": {"os": "linux", "python_version": "3.10.12"},
              "collected_at": "2026-11-30T09:00:00Z",
              "packages": [
                {"name": "tensorflow", "version": "2.10.0", "installer": "CONDA", "channel": "defaults",
                 "build": "mkl_py310h24f4fea_0", "depends": ["protobuf >=3.9.2,<3.20"]},
                {"name": "protobuf", "version": "4.21.12", "installer": "PIP"}
              ]
            }
            """;

    private static EnvironmentSnapshot read(String json) {
        return AvroPlainJson.read(new StringReader(json), "me.json", EnvironmentSnapshot.getClassSchema());
    }

    @Test
    void readsPlainJsonWithDefaultsForOmittedFields() {
        EnvironmentSnapshot snapshot = read(MINIMAL);
        assertEquals("gpu-07", snapshot.getHost().getHostname());
        assertEquals(EnvironmentManager.CONDA, snapshot.getEnvironment().getManager());
        assertEquals(Instant.parse("2026-11-30T09:00:00Z"), snapshot.getCollectedAt());
        InstalledPackage protobuf = snapshot.getPackages().get(1);
        assertEquals(Installer.PIP, protobuf.getInstaller());
        assertEquals(null, protobuf.getChannel());
        assertEquals(0, protobuf.getRequires().size());
        assertEquals(false, snapshot.getPartial());
    }

    @Test
    void writesWhatItReads() {
        EnvironmentSnapshot snapshot = read(MINIMAL);
        StringWriter out = new StringWriter();
        AvroPlainJson.write(snapshot, out);
        assertEquals(snapshot, read(out.toString()));
        assertTrue(out.toString().contains("\"collected_at\" : \"2026-11-30T09:00:00Z\""), out.toString());
    }

    @Test
    void errorsNameTheSourceLineColumnAndField() {
        String wrongType = MINIMAL.replace("\"version\": \"4.21.12\"", "\"version\": 4.21");
        PlainJsonException e = assertThrows(PlainJsonException.class, () -> read(wrongType));
        assertEquals("me.json:9:37: packages[1].version: expected a string, found a number", e.getMessage());

        PlainJsonException unknown = assertThrows(PlainJsonException.class,
                () -> read(MINIMAL.replace("\"partial\"", "x").replace("\"manager\"", "\"managr\"")));
        assertTrue(unknown.getMessage().startsWith("me.json:3:") && unknown.getMessage().contains("environment.managr: unknown field"),
                unknown.getMessage());

        PlainJsonException missing = assertThrows(PlainJsonException.class,
                () -> read(MINIMAL.replace("\"collected_at\": \"2026-11-30T09:00:00Z\",", "")));
        assertTrue(missing.getMessage().contains("missing required field 'collected_at'"), missing.getMessage());

        PlainJsonException notJson = assertThrows(PlainJsonException.class, () -> read("{\"host\": "));
        assertTrue(notJson.getMessage().startsWith("me.json:1:"), notJson.getMessage());

        PlainJsonException badEnum = assertThrows(PlainJsonException.class,
                () -> read(MINIMAL.replace("\"installer\": \"PIP\"", "\"installer\": \"npm\"")));
        assertTrue(badEnum.getMessage().contains("packages[1].installer: 'npm' is not one of [CONDA, PIP, OS, UNKNOWN]"),
                badEnum.getMessage());
    }
}
