package io.envaudit.agent.discover;

import io.envaudit.agent.host.OsFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LayoutTest {
    @TempDir
    Path root;

    @Test
    void onThisMachinesOwnRootARecordedPathIsUsedAsWritten() {
        Path fileSystemRoot = Path.of("/").toAbsolutePath().getRoot();
        Path conda = fileSystemRoot.resolve("opt").resolve("conda");
        assertEquals(Optional.of(conda), Layout.LINUX.recorded(fileSystemRoot, conda.toString()));
        assertEquals(Optional.empty(), Layout.LINUX.recorded(fileSystemRoot, "python"));
    }

    @Test
    void underAnyOtherRootARecordedPathIsTakenBelowIt() {
        assertEquals(Optional.of(root.resolve("opt/conda/envs/tf")), Layout.LINUX.recorded(root, "/opt/conda/envs/tf"));
        assertEquals(Optional.empty(), Layout.LINUX.recorded(root, "bin/python"));
        assertEquals(Optional.of(root.resolve("Users/ana/miniconda3/envs/tf")),
                Layout.WINDOWS.recorded(root, "C:\\Users\\ana\\miniconda3\\envs\\tf"));
        assertEquals(Optional.of(root.resolve("envs/stats/python.exe")), Layout.WINDOWS.recorded(root, "d:/envs/stats/python.exe"));
        assertEquals(Optional.empty(), Layout.WINDOWS.recorded(root, "python.exe"));
        // on Linux and macOS a backslash is part of a name
        assertEquals(Optional.empty(), Layout.MACOS.recorded(root, "C:\\Users\\ana"));
    }

    @Test
    void underAnyOtherRootAPathThatClimbsOutIsRefused() {
        assertEquals(Optional.empty(), Layout.LINUX.recorded(root, "/../../etc"));
        assertEquals(Optional.empty(), Layout.LINUX.recorded(root, "/home/ana/../../../etc"));
        assertEquals(Optional.empty(), Layout.WINDOWS.recorded(root, "C:\\Users\\..\\..\\Windows"));
        assertEquals(Optional.of(root.resolve("opt/conda")), Layout.LINUX.recorded(root, "/opt/./conda"));
        assertEquals(Optional.of(root.resolve("opt/conda..old")), Layout.LINUX.recorded(root, "/opt/conda..old"), "a name with dots is a name");
    }

    @Test
    void eachFamilyHasItsLayout() {
        for (OsFamily family : OsFamily.values()) {
            assertEquals(family, Layout.of(family).family());
        }
    }
}
