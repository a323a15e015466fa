package io.envaudit.engine.audit;

import io.envaudit.engine.spec.InstalledVersion;
import io.envaudit.engine.version.Flavor;
import io.envaudit.engine.version.InvalidVersionException;
import io.envaudit.schemas.Platform;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The platform's facts as packages, the way conda's virtual packages are: {@code __cuda} (the CUDA
 * version the driver supports), {@code __glibc}, {@code __linux} / {@code __osx} / {@code __win} (the
 * OS version), {@code __unix}, and envaudit's own {@code __nvidia_driver} (the driver version, which
 * CUDA toolkits set minimums on). Versions are conda versions. A fact the snapshot does not carry is
 * simply absent, so a rule on it is undecided rather than broken.
 */
final class VirtualPackages {
    static final String CUDA = "__cuda";
    static final String GLIBC = "__glibc";
    static final String NVIDIA_DRIVER = "__nvidia_driver";

    private VirtualPackages() {
    }

    static Map<String, InstalledVersion> of(Platform platform) {
        Map<String, InstalledVersion> virtual = new LinkedHashMap<>();
        put(virtual, CUDA, platform.getCudaDriverVersion());
        put(virtual, GLIBC, platform.getGlibcVersion());
        put(virtual, NVIDIA_DRIVER, platform.getNvidiaDriverVersion());
        String os = platform.getOs() == null ? null : platform.getOs().toLowerCase(Locale.ROOT);
        if (os != null) {
            switch (os) {
                case "linux", "osx", "win" -> put(virtual, "__" + os, platform.getOsVersion() == null ? "0" : platform.getOsVersion());
                default -> { }
            }
            if (os.equals("linux") || os.equals("osx")) {
                put(virtual, "__unix", "0");
            }
        }
        return virtual;
    }

    private static void put(Map<String, InstalledVersion> virtual, String name, String version) {
        if (version == null || version.isBlank()) {
            return;
        }
        try {
            virtual.put(name, InstalledVersion.parse(Flavor.CONDA, version));
        } catch (InvalidVersionException unreadable) {
            // e.g. a kernel release conda cannot read: the fact stays unknown
        }
    }
}
