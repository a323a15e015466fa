package io.envaudit.listings;

import io.envaudit.schemas.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform facts of a {@code collect_env.py} report, from its {@code Key: value} lines. The exact ones
 * come first: {@code Python platform:} is Python's {@code platform.platform()}
 * ({@code Linux-5.4.0-122-generic-x86_64-with-glibc2.31}, {@code macOS-13.0-arm64-arm-64bit}), giving the OS,
 * its version (the kernel release on Linux) and the machine; older reports lack it, and then {@code OS:}
 * ({@code Ubuntu 20.04.1 LTS (x86_64)}, {@code macOS 13.0 (arm64)}) gives the OS and the machine. A Linux
 * distribution's release is not the kernel's, so it is not taken as the OS version. {@code Libc version:
 * glibc-2.31}, {@code Nvidia driver version:} and the GPU lines are read as written; "Could not collect",
 * "No CUDA" and "N/A" leave a fact unknown. {@code CUDA used to build PyTorch} and {@code CUDA runtime
 * version} describe torch's build and the system toolkit, which the snapshot has no field for.
 * {@code PyTorch version:} is {@code torch.__version__}: the torch that imports, whichever install it is.
 */
final class CollectEnvFacts {
    private static final Pattern VERSION = Pattern.compile("\\d+(?:\\.\\d+)+");
    private static final Pattern PYTHON = Pattern.compile("^(\\d+\\.\\d+(?:\\.\\d+)?)");
    private static final Pattern GPU = Pattern.compile("GPU \\d+: (.+)");
    private static final Pattern MACHINE_IN_PARENS = Pattern.compile("\\((x86_64|aarch64|arm64|ppc64le|s390x|AMD64|i686)\\)");
    private static final List<String> LINUX_NAMES = List.of("linux", "ubuntu", "debian", "centos", "fedora", "red hat",
            "rhel", "rocky", "almalinux", "opensuse", "suse", "amazon", "arch", "manjaro", "mint", "pop!_os");

    /** The version {@code torch.__version__} gave and the line it is on. */
    record ImportedTorch(String version, int line) {
    }

    private final Platform.Builder platform = Platform.newBuilder();
    private final List<String> gpus = new ArrayList<>();
    private ImportedTorch importedTorch;
    private String osLine;
    private boolean exactPlatform;
    private boolean readingGpus;

    /** Reads a line of the report's header, numbered from 1; lines that state none of the facts are passed over. */
    void read(String line, int number) {
        if (readingGpus) {
            Matcher gpu = GPU.matcher(line.strip());
            if (gpu.matches()) {
                gpus.add(gpu.group(1).strip());
                return;
            }
            readingGpus = false;
        }
        int colon = line.indexOf(": ");
        String key = colon < 0 ? line.strip().replaceAll(":$", "") : line.substring(0, colon).strip();
        String value = colon < 0 ? "" : line.substring(colon + 2).strip();
        switch (key) {
            case "PyTorch version" -> importedTorch = known(value) ? new ImportedTorch(value, number) : null;
            case "Python version" -> {
                Matcher m = PYTHON.matcher(value);
                if (m.find()) {
                    platform.setPythonVersion(m.group(1));
                }
            }
            case "Python platform" -> pythonPlatform(value);
            case "OS" -> osLine = known(value) ? value : null;
            case "Libc version" -> {
                if (value.startsWith("glibc-")) {
                    platform.setGlibcVersion(value.substring("glibc-".length()));
                }
            }
            case "Nvidia driver version" -> {
                if (VERSION.matcher(value).matches()) {
                    platform.setNvidiaDriverVersion(value);
                }
            }
            case "GPU models and configuration" -> {
                readingGpus = true;
                Matcher gpu = GPU.matcher(value);
                if (gpu.matches()) {
                    gpus.add(gpu.group(1).strip());
                }
            }
            default -> {
                // the build of torch, the system's CUDA toolkit, compilers: nothing the snapshot holds
            }
        }
    }

    /** The torch that imports where the report was made, or null when it does not say. */
    ImportedTorch importedTorch() {
        return importedTorch;
    }

    Platform platform() {
        if (!exactPlatform && osLine != null) {
            fromOsLine(osLine);
        }
        return platform.setGpus(List.copyOf(gpus)).build();
    }

    /** {@code platform.platform()}: {@code Linux-<release>-<machine>-with-<libc>}, {@code macOS-<version>-<machine>-...}, {@code Windows-<release>-<version>-...}. */
    private void pythonPlatform(String value) {
        String[] parts = value.split("-");
        if (value.startsWith("Linux-")) {
            String body = value.substring("Linux-".length());
            int with = body.indexOf("-with-");
            body = with < 0 ? body : body.substring(0, with);
            int machine = body.lastIndexOf('-');
            if (machine > 0) {
                platform.setOs("linux").setOsVersion(body.substring(0, machine)).setArch(body.substring(machine + 1));
                exactPlatform = true;
            }
        } else if (value.startsWith("macOS-") && parts.length >= 3) {
            platform.setOs("osx").setOsVersion(parts[1]).setArch(parts[2]);
            exactPlatform = true;
        } else if (value.startsWith("Windows-") && parts.length >= 3) {
            platform.setOs("win").setOsVersion(parts[2]);
            exactPlatform = true;
        }
    }

    private void fromOsLine(String os) {
        String lower = os.toLowerCase(Locale.ROOT);
        Matcher machine = MACHINE_IN_PARENS.matcher(os);
        if (machine.find()) {
            platform.setArch(machine.group(1));
        }
        if (lower.contains("macos") || lower.contains("mac os")) {
            platform.setOs("osx");
            Matcher version = VERSION.matcher(os);
            if (version.find()) {
                platform.setOsVersion(version.group());
            }
        } else if (lower.contains("windows")) {
            platform.setOs("win");
        } else if (LINUX_NAMES.stream().anyMatch(lower::contains)) {
            platform.setOs("linux");
        }
    }

    private static boolean known(String value) {
        return !value.isEmpty() && !value.equals("Could not collect") && !value.equals("N/A") && !value.equals("No CUDA");
    }
}
