package io.envaudit.listings;

import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import io.envaudit.schemas.Platform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The platform of a listing that does not state one, inferred from conda packages that are built for one
 * platform only. A plain {@code conda list} or an environment.yml names no platform, yet a Linux environment
 * almost always holds {@code ld_impl_linux-64} (conda's Python depends on it) and a Windows one {@code vc}.
 * Only conda packages count: a pip install's name says nothing of the platform.
 *
 * <p>What is taken, and why:
 * <ul>
 *   <li>A name ending in a platform subdir after an underscore gives that subdir, and so the OS and machine:
 *       {@code ld_impl_linux-64} (binutils' linker, {@code ld_impl_{{ target_platform }}}), the compiler
 *       activations {@code gcc_linux-64}, {@code gxx_linux-aarch64}, {@code clang_osx-arm64},
 *       {@code vs2019_win-64}. The suffix names the platform the package builds for, which is the environment's
 *       own unless it holds a cross compiler; a cross-compiling environment normally holds a native toolchain or
 *       {@code ld_impl} too, and names then disagree on the subdir, so only the OS they share is taken.</li>
 *   <li>{@code libgcc-ng} and {@code libstdcxx-ng} give linux. They are the old names of GCC's runtime, kept
 *       as compatibility outputs for Linux only: conda-forge's ctng-compilers recipe skips them
 *       {@code if not cross_target_linux} ("Windows never used these names"), and anaconda.org lists both, in
 *       defaults and conda-forge, for Linux subdirs only.</li>
 *   <li>{@code vc}, {@code vs2015_runtime}, {@code vc14_runtime}, {@code vcomp14} (the MSVC runtime and its
 *       feature package), {@code ucrt} (the Windows SDK's universal C runtime) and {@code m2w64-*} (MSYS2's
 *       MinGW-w64 builds) give win: anaconda.org publishes them for win-32, win-64 and win-arm64 only. They do
 *       not say which of those, so the machine stays unknown.</li>
 * </ul>
 * Not taken, though they look Linux-only: {@code _libgcc_mutex} (defaults publishes it for osx-64, win-32 and
 * win-64 as well), {@code libgcc}, {@code libstdcxx}, {@code libgomp} and {@code _openmp_mutex} (conda-forge
 * builds them for win-64 with its MinGW GCC, libgcc for macOS too), {@code libgfortran-ng} (defaults had an
 * osx-64 build). Evidence that disagrees on the OS (a Linux runtime beside a Windows one) gives nothing.
 */
final class PlatformInference {
    private static final Set<String> LINUX_ONLY = Set.of("libgcc-ng", "libstdcxx-ng");
    private static final Set<String> WINDOWS_ONLY = Set.of("vc", "vs2015_runtime", "vc14_runtime", "vcomp14", "ucrt");
    private static final String MINGW_PREFIX = "m2w64-";
    /** How many of the packages that show the platform its description names. */
    private static final int NAMED_EVIDENCE = 4;

    /**
     * What was inferred.
     *
     * @param platform the subdir with its OS and machine, or the OS alone
     * @param evidence the packages that show it: those that name a subdir, then the others, each in the listing's order
     */
    record Inferred(Platform platform, List<String> evidence) {

        Inferred {
            evidence = List.copyOf(evidence);
        }

        /** {@code platform linux-64 inferred from ld_impl_linux-64, libgcc-ng}, for the snapshot's source. */
        String describe() {
            String what = platform.getSubdir() != null ? platform.getSubdir() : "OS " + platform.getOs();
            String names = String.join(", ", evidence.subList(0, Math.min(NAMED_EVIDENCE, evidence.size())));
            return "platform " + what + " inferred from " + names + (evidence.size() > NAMED_EVIDENCE ? ", ..." : "");
        }
    }

    private PlatformInference() {
    }

    /** The platform the packages show, or empty when none shows one or they disagree on the OS. */
    static Optional<Inferred> infer(List<InstalledPackage> packages) {
        Set<String> subdirs = new LinkedHashSet<>();
        Set<String> systems = new LinkedHashSet<>();
        // the names that give a subdir first: they say more than those that give the OS alone
        Set<String> subdirEvidence = new LinkedHashSet<>();
        Set<String> osEvidence = new LinkedHashSet<>();
        for (InstalledPackage p : packages) {
            if (p.getInstaller() != Installer.CONDA) {
                continue;
            }
            String name = p.getName().toLowerCase(Locale.ROOT);
            String subdir = Subdirs.ofNameSuffix(name);
            if (subdir != null) {
                subdirs.add(subdir);
                systems.add(Subdirs.platform(subdir).getOs());
                subdirEvidence.add(p.getName());
            } else if (LINUX_ONLY.contains(name)) {
                systems.add("linux");
                osEvidence.add(p.getName());
            } else if (WINDOWS_ONLY.contains(name) || name.startsWith(MINGW_PREFIX)) {
                systems.add("win");
                osEvidence.add(p.getName());
            }
        }
        if (systems.size() != 1) {
            return Optional.empty();
        }
        Platform platform = subdirs.size() == 1 ? Subdirs.platform(subdirs.iterator().next())
                : Platform.newBuilder().setOs(systems.iterator().next()).build();
        List<String> evidence = new ArrayList<>(subdirEvidence);
        evidence.addAll(osEvidence);
        return Optional.of(new Inferred(platform, evidence));
    }
}
