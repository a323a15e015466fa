package io.envaudit.agent.host;

import io.envaudit.agent.DebianPython;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostFactsReaderTest {
    @TempDir
    Path root;

    private Path write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.ISO_8859_1);
    }

    private void gpuHost() throws IOException {
        write("etc/machine-id", "4f1c9e2a0b7d4f5e8a6b3c2d1e0f9a8b\n");
        write("proc/sys/kernel/hostname", "gpu-07\n");
        write("proc/sys/kernel/osrelease", "5.15.0-91-generic\n");
        write("etc/os-release", "NAME=\"Ubuntu\"\nVERSION_ID=\"22.04\"\nPRETTY_NAME=\"Ubuntu 22.04.3 LTS\"\nID=ubuntu\n");
        // glibc 2.35 is the file itself: its banner says the version
        write("lib/x86_64-linux-gnu/libc.so.6", "\u007fELF\u0002\u0001\u0000junk\u0000GNU C Library (Ubuntu GLIBC 2.35-0ubuntu3.6) "
                + "stable release version 2.35.\nCopyright (C) 2022\u0000more");
        // the kernel module's own lines, as driver 535 writes them
        write("proc/driver/nvidia/version", "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05  Sat Aug 19 01:15:15 UTC 2023\n"
                + "GCC version:  gcc version 11.4.0 (Ubuntu 11.4.0-1ubuntu1~22.04)\n");
        write("proc/driver/nvidia/gpus/0000:00:1e.0/information", "Model: \t\t NVIDIA A10G\nIRQ:   \t\t 39\n"
                + "GPU UUID: \t GPU-2f4ae8c2-8f1a-1a2b-3c4d-5e6f7a8b9c0d\nBus Type: \t PCIe\n");
    }

    @Test
    void readsALinuxGpuHostFromItsFiles() throws IOException {
        gpuHost();
        List<String> notes = new ArrayList<>();
        HostFacts facts = new HostFactsReader(root, null, "Linux", "amd64").read(notes);
        assertEquals(new HostFacts("4f1c9e2a0b7d4f5e8a6b3c2d1e0f9a8b", "gpu-07", "Ubuntu 22.04.3 LTS", "linux", "5.15.0-91-generic",
                "x86_64", "linux-64", "2.35", "535.104.05", null, List.of("NVIDIA A10G")), facts);
        assertEquals(List.of(), notes);
    }

    @Test
    void nvidiaSmiGivesTheCudaVersion() throws IOException {
        gpuHost();
        // a stand-in nvidia-smi printing what the real one's -q prints (abridged)
        Path smi = write("usr/bin/nvidia-smi", """
                #!/bin/sh
                [ "$1" = "-q" ] || exit 9
                cat <<'OUT'
                ==============NVSMI LOG==============

                Timestamp                                 : Thu Nov 30 09:00:00 2026
                Driver Version                            : 535.104.05
                CUDA Version                              : 12.2

                Attached GPUs                             : 2
                GPU 00000000:00:1E.0
                    Product Name                          : NVIDIA A10G
                    Product Brand                         : NVIDIA
                GPU 00000000:00:1F.0
                    Product Name                          : NVIDIA A10G
                    Product Brand                         : NVIDIA
                OUT
                """);
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        HostFacts facts = new HostFactsReader(root, smi, "Linux", "amd64").read(new ArrayList<>());
        assertEquals("12.2", facts.cudaDriverVersion());
        assertEquals("535.104.05", facts.nvidiaDriverVersion());
        assertEquals(List.of("NVIDIA A10G", "NVIDIA A10G"), facts.gpus());
    }

    @Test
    void aFailingNvidiaSmiIsANoteAndTheFilesStillCount() throws IOException {
        gpuHost();
        Path smi = write("usr/bin/nvidia-smi", "#!/bin/sh\necho 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.'\nexit 9\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> notes = new ArrayList<>();
        HostFacts facts = new HostFactsReader(root, smi, "Linux", "amd64").read(notes);
        assertEquals("535.104.05", facts.nvidiaDriverVersion());
        assertNull(facts.cudaDriverVersion());
        assertEquals(List.of(smi + " -q exited with 9; CUDA version unknown"), notes);
    }

    @Test
    void olderGlibcIsNamedByItsLinkTarget() throws IOException {
        write("lib64/libc-2.31.so", "no banner here");
        Files.createSymbolicLink(root.resolve("lib64/libc.so.6"), Path.of("libc-2.31.so"));
        write("etc/machine-id", "abc\n");
        HostFacts facts = new HostFactsReader(root, null, "Linux", "aarch64").read(new ArrayList<>());
        assertEquals("2.31", facts.glibcVersion());
        assertEquals("linux-aarch64", facts.subdir());
        assertNull(facts.nvidiaDriverVersion());
        assertEquals(List.of(), facts.gpus());
    }

    @Test
    void withoutMachineIdTheHostnameStandsInAndANoteSaysSo() throws IOException {
        write("proc/sys/kernel/hostname", "laptop\n");
        List<String> notes = new ArrayList<>();
        HostFacts facts = new HostFactsReader(root, null, "Linux", "amd64").read(notes);
        assertEquals("laptop", facts.id());
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).startsWith("no /etc/machine-id"), notes.toString());
    }

    @Test
    void thisMachinesGlibcIsWhatLddSays() throws Exception {
        Path ldd = Path.of("/usr/bin/ldd");
        Assumptions.assumeTrue(Files.isExecutable(ldd) && Files.exists(Path.of("/etc/debian_version")),
                "a Debian glibc host");
        DebianPython.Run run = DebianPython.run(List.of(ldd.toString(), "--version"));
        Matcher m = Pattern.compile("(\\d+\\.\\d+)\\s*$", Pattern.MULTILINE).matcher(run.stdout().lines().findFirst().orElse(""));
        assertTrue(m.find(), run.stdout());
        HostFacts facts = HostFactsReader.ofThisMachine(null).read(new ArrayList<>());
        assertEquals(m.group(1), facts.glibcVersion());
        assertEquals(Files.readString(Path.of("/etc/machine-id")).strip(), facts.id());
    }
}
