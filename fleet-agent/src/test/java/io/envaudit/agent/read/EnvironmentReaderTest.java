package io.envaudit.agent.read;

import io.envaudit.agent.CondaRecords;
import io.envaudit.agent.RealData;
import io.envaudit.engine.names.NameMap;
import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentReaderTest {
    @TempDir
    Path prefix;

    private final EnvironmentReader reader = new EnvironmentReader(NameMap.builtIn());

    private Path site() throws IOException {
        return Files.createDirectories(prefix.resolve("lib/python3.10/site-packages"));
    }

    private EnvironmentContents read() {
        return reader.read(new EnvironmentLocation(prefix, EnvironmentManager.CONDA, "tf", PrefixLayout.siteFolders(prefix), null));
    }

    @Test
    void condaRecordsPipInstallsAndWhatShadowsWhat() throws IOException {
        String main = "https://repo.anaconda.com/pkgs/main/linux-64";
        CondaRecords.write(prefix, "python", "3.10.9", "h7a1cb2a_2", main, List.of("libgcc-ng >=11.2.0"), List.of("bin/python3.10"));
        CondaRecords.write(prefix, "six", "1.16.0", "pyhd3eb1b0_1", "https://repo.anaconda.com/pkgs/main/noarch", List.of("python"),
                List.of("lib/python3.10/site-packages/six-1.16.0.dist-info/METADATA"));
        CondaRecords.write(prefix, "protobuf", "3.20.3", "py310h6a678d5_0", main, List.of("python >=3.10,<3.11.0a0"), List.of());
        CondaRecords.write(prefix, "pytorch", "2.0.1", "py3.10_cuda11.8_cudnn8.7.0_0", "https://conda.anaconda.org/pytorch/linux-64",
                List.of(), List.of());
        RealData.condaRecord(prefix, "libgomp-11.2.0-h1234567_1.json");
        Path site = site();
        // conda's own six: its dist-info is listed in six's record, so it is no pip install
        Path six = Files.createDirectories(site.resolve("six-1.16.0.dist-info"));
        Files.writeString(six.resolve("METADATA"), "Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\n");
        Files.writeString(six.resolve("INSTALLER"), "conda\n");
        // pip install --upgrade protobuf over conda's protobuf, pip install torch over conda's pytorch
        Path protobuf = Files.createDirectories(site.resolve("protobuf-4.21.12.dist-info"));
        Files.writeString(protobuf.resolve("METADATA"), "Metadata-Version: 2.1\nName: protobuf\nVersion: 4.21.12\n");
        Files.writeString(protobuf.resolve("INSTALLER"), "pip\n");
        Path torch = Files.createDirectories(site.resolve("torch-2.2.0+cu121.dist-info"));
        Files.writeString(torch.resolve("METADATA"), "Metadata-Version: 2.1\nName: torch\nVersion: 2.2.0+cu121\nRequires-Dist: filelock\n"
                + "Requires-Dist: triton (==2.2.0) ; platform_system == \"Linux\" and platform_machine == \"x86_64\"\n");
        RealData.distInfo(site, "annotated_types-0.7.0");

        EnvironmentContents contents = read();
        assertEquals(List.of(), contents.problems());
        assertFalse(contents.partial());
        assertEquals("3.10.9", contents.pythonVersion());
        assertEquals(List.of("libgomp 11.2.0 CONDA defaults", "protobuf 3.20.3 CONDA defaults", "python 3.10.9 CONDA defaults",
                        "pytorch 2.0.1 CONDA pytorch", "six 1.16.0 CONDA defaults",
                        "annotated-types 0.7.0 PIP pypi", "protobuf 4.21.12 PIP pypi", "torch 2.2.0+cu121 PIP pypi"),
                contents.packages().stream().map(p -> p.getName() + " " + p.getVersion() + " " + p.getInstaller() + " " + p.getChannel()).toList());
        InstalledPackage pipProtobuf = contents.packages().get(6);
        assertEquals("protobuf", pipProtobuf.getShadows());
        assertEquals("pytorch", contents.packages().get(7).getShadows());
        assertEquals(List.of("filelock", "triton (==2.2.0) ; platform_system == \"Linux\" and platform_machine == \"x86_64\""),
                contents.packages().get(7).getRequires());
        assertNull(contents.packages().get(5).getShadows());
        InstalledPackage libgomp = contents.packages().get(0);
        assertEquals("h1234567_1", libgomp.getBuild());
        assertEquals(1L, libgomp.getBuildNumber());
        assertEquals("linux-64", libgomp.getSubdir());
        assertEquals(List.of("_libgcc_mutex 0.1 main"), libgomp.getDepends());
    }

    @Test
    void aBrokenRecordMakesTheSnapshotPartialAndTheRestIsRead() throws IOException {
        RealData.condaRecord(prefix, "libgomp-11.2.0-h1234567_1.json");
        byte[] whole = RealData.bytes("conda-meta/pip-22.2.2-py38h06a4308_0.json");
        Path truncated = prefix.resolve("conda-meta/pip-22.2.2-py38h06a4308_0.json");
        Files.write(truncated, Arrays.copyOf(whole, 300));
        EnvironmentContents contents = read();
        assertEquals(List.of("libgomp"), contents.packages().stream().map(InstalledPackage::getName).toList());
        assertTrue(contents.partial());
        assertEquals(truncated, contents.problems().get(0).file());
        assertTrue(contents.problems().get(0).message().startsWith("is not valid JSON at line "), contents.problems().toString());
    }

    @Test
    void aVenvsPythonComesFromPyvenvCfg() throws IOException {
        Files.writeString(prefix.resolve("pyvenv.cfg"), "home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\n");
        RealData.distInfo(site(), "networkx-3.0");
        EnvironmentContents contents = reader.read(new EnvironmentLocation(prefix, EnvironmentManager.VENV, "v",
                PrefixLayout.siteFolders(prefix), null));
        assertEquals("3.11.2", contents.pythonVersion());
        assertEquals(Installer.PIP, contents.packages().get(0).getInstaller());
        assertFalse(contents.partial());
    }

    @Test
    void aVenvThatSeesSystemPackagesIsPartial() throws IOException {
        Files.writeString(prefix.resolve("pyvenv.cfg"), "home = /usr/bin\ninclude-system-site-packages = true\nversion_info = 3.12.1.final.0\n");
        EnvironmentContents contents = reader.read(new EnvironmentLocation(prefix, EnvironmentManager.VENV, "v", List.of(), null));
        assertEquals("3.12.1", contents.pythonVersion());
        assertTrue(contents.partial());
    }

    @Test
    void anInterpreterBuiltFromSourceSaysItsVersionInPatchlevelH() throws IOException {
        Path include = Files.createDirectories(prefix.resolve("include/python3.11"));
        Files.writeString(include.resolve("patchlevel.h"), "/* Version as a string */\n#define PY_VERSION              \"3.11.7\"\n");
        EnvironmentContents contents = reader.read(new EnvironmentLocation(prefix, EnvironmentManager.UNKNOWN, "3.11.7", List.of(), null));
        assertEquals("3.11.7", contents.pythonVersion());
    }

    @Test
    void osFoldersHoldOsPackages() throws IOException {
        Path dist = Files.createDirectories(prefix.resolve("lib/python3/dist-packages"));
        RealData.distInfo(dist, "requests-2.19.1");
        EnvironmentContents contents = reader.read(new EnvironmentLocation(prefix, EnvironmentManager.SYSTEM, "system",
                List.of(new SiteFolder(dist, Installer.OS)), "3.11.2"));
        InstalledPackage requests = contents.packages().get(0);
        assertEquals(Installer.OS, requests.getInstaller());
        assertNull(requests.getChannel());
        assertEquals("3.11.2", contents.pythonVersion());
    }
}
