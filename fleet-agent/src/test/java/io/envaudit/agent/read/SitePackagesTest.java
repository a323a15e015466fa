package io.envaudit.agent.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.envaudit.agent.DebianPython;
import io.envaudit.agent.RealData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SitePackagesTest {
    @TempDir
    Path site;

    /** What the agent read, and what importlib.metadata read, in one shape: name -> version and requires. */
    private record Seen(String version, List<String> requires) {
    }

    @Test
    void readsWhatPythonsImportlibMetadataReads() throws Exception {
        DebianPython.require("importlib.metadata", "python3");
        for (String folder : RealData.DIST_INFO) {
            RealData.distInfo(site, folder);
        }
        Path egg = Files.createDirectories(site.resolve("legacy_pkg-0.3-py3.11.egg-info"));
        Files.writeString(egg.resolve("PKG-INFO"), "Metadata-Version: 1.2\nName: legacy-pkg\nVersion: 0.3\n");
        Files.writeString(egg.resolve("requires.txt"), """
                six>=1.10

                [:python_version < "3.8"]
                importlib-metadata

                [docs]
                sphinx<7

                [socks:sys_platform == "win32"]
                win-inet-pton
                """);
        Files.writeString(site.resolve("flat-1.0.egg-info"), "Metadata-Version: 1.1\nName: flat\nVersion: 1.0\n");

        ReadLog log = new ReadLog();
        Map<String, Seen> agent = new TreeMap<>();
        for (PythonDistribution d : SitePackages.read(site, log)) {
            agent.put(d.name(), new Seen(d.version(), d.requires()));
        }
        Map<String, Seen> python = importlibView(DebianPython.script("distributions.py", site.toString()));
        assertEquals(python, agent);
        assertEquals(10, agent.size());
        assertEquals(List.of(), log.problems());
    }

    private static Map<String, Seen> importlibView(String json) throws IOException {
        Map<String, Seen> out = new TreeMap<>();
        try (JsonParser parser = JsonFactory.builder().build().createParser(json)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                String name = null;
                String version = null;
                List<String> requires = new ArrayList<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    switch (field) {
                        case "name" -> name = parser.getText();
                        case "version" -> version = parser.getText();
                        default -> {
                            while (parser.nextToken() != JsonToken.END_ARRAY) {
                                requires.add(parser.getText());
                            }
                        }
                    }
                }
                out.put(name, new Seen(version, requires));
            }
        }
        return out;
    }

    @Test
    void installerAndDirectUrlAreRead() throws Exception {
        Path flask = RealData.distInfo(site, "Flask-2.0.0");
        Files.writeString(flask.resolve("INSTALLER"), "uv\n");
        Files.writeString(flask.resolve("direct_url.json"), "{\"url\": \"file:///home/ana/src/flask\", \"dir_info\": {\"editable\": true}}");
        Path requests = RealData.distInfo(site, "requests-2.19.1");
        Files.writeString(requests.resolve("direct_url.json"),
                "{\"url\": \"https://github.com/psf/requests.git\", \"vcs_info\": {\"vcs\": \"git\", \"commit_id\": \"abc\"}}");
        List<PythonDistribution> read = SitePackages.read(site, new ReadLog());
        PythonDistribution f = read.get(0);
        assertEquals("uv", f.installerTool());
        assertTrue(f.directUrl().editable());
        assertEquals("editable file:///home/ana/src/flask", f.directUrl().toString());
        assertEquals("git https://github.com/psf/requests.git", read.get(1).directUrl().toString());
        assertNull(read.get(1).installerTool());
    }

    @Test
    void oddEncodingsAreReadAndNamed() throws IOException {
        Path latin1 = Files.createDirectories(site.resolve("cafe-1.0.dist-info"));
        String cafe = "Metadata-Version: 2.1\nName: cafe\nVersion: 1.0\nAuthor: Andr\u00e9\nRequires-Dist: six\n";
        Files.write(latin1.resolve("METADATA"), cafe.getBytes(StandardCharsets.ISO_8859_1));
        Path utf16 = Files.createDirectories(site.resolve("wide-2.0.dist-info"));
        byte[] text = "Metadata-Version: 2.1\r\nName: wide\r\nVersion: 2.0\r\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] bom = {(byte) 0xFF, (byte) 0xFE};
        byte[] withBom = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, withBom, 0, 2);
        System.arraycopy(text, 0, withBom, 2, text.length);
        Files.write(utf16.resolve("METADATA"), withBom);
        Path utf8Bom = Files.createDirectories(site.resolve("bom-3.0.dist-info"));
        Files.write(utf8Bom.resolve("METADATA"), ("\uFEFFMetadata-Version: 2.1\nName: bom\nVersion: 3.0\n").getBytes(StandardCharsets.UTF_8));

        ReadLog log = new ReadLog();
        List<PythonDistribution> read = SitePackages.read(site, log);
        assertEquals(List.of("bom 3.0", "cafe 1.0", "wide 2.0"), read.stream().map(d -> d.name() + " " + d.version()).toList());
        assertEquals(List.of("six"), read.get(1).requires());
        assertEquals(List.of(new ReadProblem(latin1.resolve("METADATA"), "is not UTF-8 (byte offset " + cafe.indexOf('\u00e9') + "); read as Latin-1")),
                log.problems());
        assertFalse(log.partial(), "nothing was left out");
    }

    @Test
    void brokenMetadataLeavesThatPackageOutAndTheRestIn() throws IOException {
        RealData.distInfo(site, "pip-25.0.1");
        Path loop = Files.createDirectories(site.resolve("loop-1.0.dist-info"));
        Files.createSymbolicLink(loop.resolve("METADATA"), loop.resolve("METADATA"));
        Path nameless = Files.createDirectories(site.resolve("nameless-1.0.dist-info"));
        Files.writeString(nameless.resolve("METADATA"), "Metadata-Version: 2.1\nVersion: 1.0\n");
        Path missing = Files.createDirectories(site.resolve("empty-1.0.dist-info"));
        Files.createDirectories(site.resolve("~ip-24.0.dist-info"));

        ReadLog log = new ReadLog();
        List<PythonDistribution> read = SitePackages.read(site, log);
        assertEquals(List.of("pip"), read.stream().map(PythonDistribution::name).toList());
        assertEquals(List.of(
                new ReadProblem(missing.resolve("METADATA"), "cannot be read: no such file (deleted during the scan?)"),
                new ReadProblem(loop.resolve("METADATA"), "cannot be read: a symbolic link loop"),
                new ReadProblem(nameless.resolve("METADATA"), "has no Name field"),
                new ReadProblem(site.resolve("~ip-24.0.dist-info"), "a leftover of an interrupted pip run; ignored, as pip does")),
                log.problems());
        assertTrue(log.partial());
    }

    @Test
    void oneDistributionTwiceAtOneVersionIsListedOnceAsPipDoes() throws IOException {
        // Debian's python3-cryptography ships both
        Path distInfo = Files.createDirectories(site.resolve("cryptography-38.0.4.dist-info"));
        Files.writeString(distInfo.resolve("METADATA"), "Metadata-Version: 2.1\nName: cryptography\nVersion: 38.0.4\n");
        Path egg = Files.createDirectories(site.resolve("cryptography.egg-info"));
        Files.writeString(egg.resolve("PKG-INFO"), "Metadata-Version: 2.1\nName: cryptography\nVersion: 38.0.4\n");
        Path older = Files.createDirectories(site.resolve("cryptography-2.3.1.dist-info"));
        Files.write(older.resolve("METADATA"), RealData.bytes("dist-info/cryptography-2.3.1/METADATA"));
        List<PythonDistribution> read = SitePackages.read(site, new ReadLog());
        assertEquals(List.of("cryptography-2.3.1.dist-info", "cryptography-38.0.4.dist-info"),
                read.stream().map(d -> d.metadata().getFileName().toString()).toList());
    }

    @Test
    void anUnlistableFolderIsAProblem() {
        ReadLog log = new ReadLog();
        assertEquals(List.of(), SitePackages.read(site.resolve("gone"), log));
        assertEquals(List.of(new ReadProblem(site.resolve("gone"), "cannot be listed: no such file (deleted during the scan?)")),
                log.problems());
    }
}
