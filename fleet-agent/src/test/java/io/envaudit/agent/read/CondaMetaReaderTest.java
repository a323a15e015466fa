package io.envaudit.agent.read;

import io.envaudit.agent.RealData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CondaMetaReaderTest {
    @TempDir
    Path prefix;

    @Test
    void everyRealRecordReadsWithItsOwnNameVersionAndBuild() throws Exception {
        for (String file : RealData.CONDA_META) {
            CondaMetaRecord record = CondaMetaReader.read(RealData.condaRecord(prefix, file));
            // conda names its records name-version-build.json
            assertEquals(file, record.name() + "-" + record.version() + "-" + record.build() + ".json", file);
        }
    }

    @Test
    void defaultsRecordFromCondaOnLinux() throws Exception {
        CondaMetaRecord libgomp = CondaMetaReader.read(RealData.condaRecord(prefix, "libgomp-11.2.0-h1234567_1.json"));
        assertEquals("defaults", libgomp.channel()); // https://repo.anaconda.com/pkgs/main/linux-64
        assertEquals("linux-64", libgomp.subdir());
        assertEquals(1L, libgomp.buildNumber());
        assertEquals(List.of("_libgcc_mutex 0.1 main"), libgomp.depends());
        assertEquals(List.of(), libgomp.constrains());
        assertEquals(Set.of(), libgomp.metadataFolders());
    }

    @Test
    void condaForgeRecordWrittenByRattlerWithoutConstrains() throws Exception {
        CondaMetaRecord lab = CondaMetaReader.read(RealData.condaRecord(prefix, "jupyterlab-4.4.3-pyhd8ed1ab_0.json"));
        assertEquals("conda-forge", lab.channel()); // https://conda.anaconda.org/conda-forge/
        assertEquals("noarch", lab.subdir());
        assertEquals(16, lab.depends().size());
        assertTrue(lab.depends().contains("jupyter_server >=2.4.0,<3"));
        assertEquals(List.of(), lab.constrains());
    }

    @Test
    void constrainsAndWindowsRecords() throws Exception {
        CondaMetaRecord abi = CondaMetaReader.read(RealData.condaRecord(prefix, "python_abi-3.13-5_cp313t.json"));
        assertEquals(List.of("python 3.13.* *_cp313t"), abi.constrains());
        assertEquals("osx-arm64", abi.subdir());
        CondaMetaRecord vc = CondaMetaReader.read(RealData.condaRecord(prefix, "vc-9-h7299396_1.json"));
        assertEquals("defaults", vc.channel());
        assertEquals("win-64", vc.subdir());
        assertEquals(List.of("vs2008_runtime >=9.0.30729.1,<10.0a0"), vc.depends());
    }

    @Test
    void pythonMetadataFoldersAmongTheFilesAreKept() throws Exception {
        Path file = prefix.resolve("conda-meta/six-1.16.0-pyhd3eb1b0_1.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                {"name": "six", "version": "1.16.0", "build": "pyhd3eb1b0_1", "build_number": 1,
                 "channel": "https://repo.anaconda.com/pkgs/main/noarch", "subdir": "noarch", "depends": ["python"],
                 "files": ["lib/python3.10/site-packages/six-1.16.0.dist-info/METADATA",
                           "lib/python3.10/site-packages/six-1.16.0.dist-info/RECORD",
                           "Lib\\\\site-packages\\\\six.egg-info\\\\PKG-INFO",
                           "lib/python3.10/site-packages/six.py"]}
                """);
        assertEquals(Set.of("lib/python3.10/site-packages/six-1.16.0.dist-info", "Lib/site-packages/six.egg-info"),
                CondaMetaReader.read(file).metadataFolders());
    }

    @Test
    void aTruncatedRecordIsAProblemNamingTheFileAndWhere() throws Exception {
        byte[] whole = RealData.bytes("conda-meta/libgomp-11.2.0-h1234567_1.json");
        Path file = prefix.resolve("libgomp-11.2.0-h1234567_1.json");
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));
        UnreadableFileException e = assertThrows(UnreadableFileException.class, () -> CondaMetaReader.read(file));
        assertEquals(file, e.problem().file());
        assertTrue(e.getMessage().startsWith("is not valid JSON at line "), e.getMessage());
    }

    @Test
    void wrongTypesAndMissingFieldsAreProblems() throws IOException {
        Path number = Files.writeString(prefix.resolve("a.json"), "{\"name\": \"a\",\n \"version\": 1.0}");
        assertEquals("line 2, column 13: version: expected a string, found a number",
                assertThrows(UnreadableFileException.class, () -> CondaMetaReader.read(number)).getMessage());
        Path nameless = Files.writeString(prefix.resolve("b.json"), "{\"version\": \"1.0\"}");
        assertEquals("has no name", assertThrows(UnreadableFileException.class, () -> CondaMetaReader.read(nameless)).getMessage());
        Path array = Files.writeString(prefix.resolve("c.json"), "[]");
        assertEquals("is not a JSON object", assertThrows(UnreadableFileException.class, () -> CondaMetaReader.read(array)).getMessage());
        Path depends = Files.writeString(prefix.resolve("d.json"), "{\"name\": \"d\", \"version\": \"1\", \"depends\": [\"x\", 2]}");
        assertTrue(assertThrows(UnreadableFileException.class, () -> CondaMetaReader.read(depends)).getMessage()
                .endsWith("depends[1]: expected a string, found a number"));
    }

    @Test
    void aSymbolicLinkLoopIsAProblem() throws IOException {
        Path loop = prefix.resolve("loop.json");
        Files.createSymbolicLink(loop, loop);
        UnreadableFileException e = assertThrows(UnreadableFileException.class, () -> CondaMetaReader.read(loop));
        assertEquals("cannot be read: a symbolic link loop", e.getMessage());
    }

    @Test
    void aRecordWithoutChannelFallsBackToItsUrl() throws Exception {
        Path file = Files.writeString(prefix.resolve("e.json"), """
                {"name": "cudatoolkit", "version": "11.8.0", "build": "h6a678d5_0",
                 "url": "https://conda.anaconda.org/nvidia/label/cuda-11.8.0/linux-64/cudatoolkit-11.8.0-h6a678d5_0.conda"}
                """);
        CondaMetaRecord record = CondaMetaReader.read(file);
        assertEquals("nvidia/label/cuda-11.8.0", record.channel());
        assertNull(record.buildNumber());
    }
}
