package io.envaudit.agent.host;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the host's facts from its files: on Linux {@code /etc/machine-id} (or D-Bus's copy),
 * {@code /proc/sys/kernel/hostname}, {@code /etc/os-release}, {@code /proc/sys/kernel/osrelease}, the C
 * library, the NVIDIA driver's {@code /proc} files and {@code nvidia-smi} when given. {@code root} is
 * {@code /} in use and a fixture tree in tests. Elsewhere the JVM's own view of the OS is what is known.
 */
public final class HostFactsReader {
    private static final Pattern PRETTY_NAME = Pattern.compile("(?m)^PRETTY_NAME=\"?(.*?)\"?\\s*$");

    private final Path root;
    private final Path nvidiaSmi;
    private final String osName;
    private final String osArch;

    /**
     * @param nvidiaSmi the nvidia-smi to run, or null when there is none
     * @param osName    what the JVM calls the OS ({@code os.name})
     * @param osArch    what the JVM calls the CPU ({@code os.arch})
     */
    public HostFactsReader(Path root, Path nvidiaSmi, String osName, String osArch) {
        this.root = root;
        this.nvidiaSmi = nvidiaSmi;
        this.osName = osName;
        this.osArch = osArch;
    }

    /** This machine, seen from {@code /}. */
    public static HostFactsReader ofThisMachine(Path nvidiaSmi) {
        return new HostFactsReader(Path.of("/"), nvidiaSmi, System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /** The facts, and in {@code notes} what could not be found. */
    public HostFacts read(List<String> notes) {
        String os = condaOs(osName);
        String arch = arch(osArch);
        String hostname = firstLine("proc/sys/kernel/hostname");
        if (hostname == null) {
            hostname = firstLine("etc/hostname");
        }
        if (hostname == null) {
            hostname = jvmHostname();
        }
        String id = firstLine("etc/machine-id");
        if (id == null) {
            id = firstLine("var/lib/dbus/machine-id");
        }
        if (id == null) {
            notes.add("no /etc/machine-id: the host id is the hostname, which changes when the host is renamed");
            id = hostname;
        }
        String distribution = null;
        String osRelease = text("etc/os-release");
        if (osRelease == null) {
            osRelease = text("usr/lib/os-release");
        }
        if (osRelease != null) {
            Matcher m = PRETTY_NAME.matcher(osRelease);
            distribution = m.find() ? m.group(1) : null;
        }
        String kernel = "linux".equals(os) ? firstLine("proc/sys/kernel/osrelease") : System.getProperty("os.version");
        String glibc = "linux".equals(os) ? GlibcVersion.read(root) : null;
        NvidiaFacts.Facts nvidia = NvidiaFacts.read(root, nvidiaSmi, notes);
        return new HostFacts(id, hostname, distribution, os, kernel, arch, subdir(os, arch), glibc,
                nvidia.driverVersion(), nvidia.cudaVersion(), nvidia.gpus());
    }

    /** conda's name of the OS ({@code linux}, {@code osx}, {@code win}); another OS by its own lower-cased name. */
    static String condaOs(String osName) {
        String name = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        return OsFamily.of(osName).map(OsFamily::condaName).orElse(name.isEmpty() ? null : name);
    }

    /** Python's {@code platform.machine()} names: the JVM says amd64 where Linux says x86_64. */
    static String arch(String osArch) {
        if (osArch == null) {
            return null;
        }
        return switch (osArch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "ppc64le" -> "ppc64le";
            default -> osArch;
        };
    }

    static String subdir(String os, String arch) {
        if (os == null || arch == null) {
            return null;
        }
        return switch (os + "/" + arch) {
            case "linux/x86_64" -> "linux-64";
            case "linux/aarch64" -> "linux-aarch64";
            case "linux/ppc64le" -> "linux-ppc64le";
            case "osx/x86_64" -> "osx-64";
            case "osx/aarch64" -> "osx-arm64";
            case "win/x86_64" -> "win-64";
            case "win/aarch64" -> "win-arm64";
            default -> null;
        };
    }

    private String firstLine(String relative) {
        String text = text(relative);
        if (text == null) {
            return null;
        }
        String line = text.lines().findFirst().orElse("").strip();
        return line.isEmpty() ? null : line;
    }

    private String text(String relative) {
        Path file = root.resolve(relative);
        try {
            return Files.isReadable(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String jvmHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
