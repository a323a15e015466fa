package io.envaudit.engine.audit.checks;

import io.envaudit.engine.audit.AuditSink;
import io.envaudit.engine.audit.Check;
import io.envaudit.engine.audit.Conflict;
import io.envaudit.engine.audit.EnvironmentView;
import io.envaudit.engine.audit.InstalledPackageView;
import io.envaudit.engine.audit.PackageRef;
import io.envaudit.engine.rules.Severity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * conda's {@code cuda-version} beside CUDA Toolkit components of another CUDA release. {@code cuda-version X.Y}
 * is the metapackage that says which CUDA release an environment's CUDA packages are built for, and every CTK
 * component is pinned to the {@code cuda-version} of the release it comes with ("For CUDA components from CTK, we
 * currently disallow mix-n-match": conda-forge's cuda-version recipe README). A component of another major has
 * other sonames ({@code libcublas.so.11} is not {@code .so.12}), so what was built for the stated CUDA finds no
 * library: an error. One of another minor of the same major loads under CUDA minor-version compatibility: a
 * warning, whatever severity {@code checks:} sets, as docs/rules.md grades CUDA minor versions mixed.
 *
 * <p>Components are told by name, as NVIDIA's "CUDA Toolkit Major Component Versions" table lists them, in
 * conda's spelling ({@code cuda-cudart}, {@code cuda-nvrtc}, ... with their {@code -dev} and {@code -static}
 * outputs), the toolkit metapackages versioned by release label ({@code cuda-runtime 11.8.0},
 * {@code cuda-libraries}) and {@code cudatoolkit}, which {@code cuda-version} constrains to its X.Y: the
 * major.minor of their versions is the CUDA release. {@code libcublas} is judged by major only (CUDA 11.8 ships
 * cuBLAS 11.11); the other libraries ({@code libcufft 10.9}, {@code libcurand 10.3}) are versioned on their own
 * and not judged. A component whose recorded depends name {@code cuda-version} is judged by them (the
 * {@code conda-depends} check): a conda record is judged by its own metadata.
 */
public final class CudaVersionMixCheck implements Check {
    public static final String ID = "cuda-version-mix";
    private static final About ABOUT = new About(ID, Severity.ERROR,
            "conda's cuda-version beside CUDA Toolkit components of another CUDA release (a warning when only the minor differs).");
    static final String CUDA_VERSION = "cuda-version";

    /** CTK components and metapackages whose version's major.minor is the CUDA release, in conda's names. */
    private static final Set<String> RELEASE_VERSIONED = Set.of(
            "cuda-cccl", "cuda-compat", "cuda-cudart", "cuda-cuobjdump", "cuda-cupti", "cuda-cuxxfilt", "cuda-demo-suite",
            "cuda-documentation", "cuda-driver-dev", "cuda-gdb", "cuda-memcheck", "cuda-nsight", "cuda-nvcc", "cuda-nvdisasm",
            "cuda-nvml-dev", "cuda-nvprof", "cuda-nvprune", "cuda-nvrtc", "cuda-nvtx", "cuda-nvvp", "cuda-opencl",
            "cuda-profiler-api", "cuda-sanitizer-api",
            "cuda", "cuda-runtime", "cuda-libraries", "cuda-toolkit", "cuda-tools", "cuda-compiler", "cuda-command-line-tools",
            "cuda-visual-tools", "cuda-nsight-compute", "cudatoolkit");
    /** Components whose major only is the CUDA major. */
    private static final Set<String> MAJOR_VERSIONED = Set.of("libcublas");

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public void run(EnvironmentView environment, Severity severity, AuditSink sink) {
        for (InstalledPackageView stated : environment.condaPackages(CUDA_VERSION)) {
            long[] release = stated.isConda() ? majorMinor(stated.record().getVersion()) : null;
            if (release == null) {
                continue;
            }
            List<InstalledPackageView> otherMajor = new ArrayList<>();
            List<InstalledPackageView> otherMinor = new ArrayList<>();
            for (InstalledPackageView p : environment.packages()) {
                String component = component(p);
                if (component == null || dependsOnCudaVersion(p)) {
                    continue;
                }
                long[] cuda = majorMinor(p.record().getVersion());
                if (cuda == null) {
                    continue;
                }
                if (cuda[0] != release[0]) {
                    otherMajor.add(p);
                } else if (RELEASE_VERSIONED.contains(component) && cuda[1] != release[1]) {
                    otherMinor.add(p);
                }
            }
            if (otherMajor.isEmpty() && otherMinor.isEmpty()) {
                continue;
            }
            Severity graded = otherMajor.isEmpty() && severity.atLeast(Severity.WARNING) ? Severity.WARNING : severity;
            List<PackageRef> offending = new ArrayList<>();
            offending.add(stated.ref());
            otherMajor.forEach(p -> offending.add(p.ref()));
            otherMinor.forEach(p -> offending.add(p.ref()));
            sink.conflict(new Conflict(ID, graded, CUDA_VERSION, offending,
                    explanation(stated, otherMajor, otherMinor), fix(otherMajor, otherMinor), null));
        }
    }

    /** The component a conda record is, by name with its -dev / -static output suffix dropped; null for others. */
    private static String component(InstalledPackageView p) {
        if (!p.isConda()) {
            return null;
        }
        String name = p.condaName();
        for (String suffix : List.of("-dev", "-static")) {
            if (name.endsWith(suffix)) {
                name = name.substring(0, name.length() - suffix.length());
            }
        }
        return RELEASE_VERSIONED.contains(name) || MAJOR_VERSIONED.contains(name) ? name : null;
    }

    private static boolean dependsOnCudaVersion(InstalledPackageView p) {
        return DependsNames.of(p).contains(CUDA_VERSION);
    }

    /** The first two numbers of a version ({@code 12.4.127} gives 12, 4); null when it does not start so. */
    static long[] majorMinor(String version) {
        String[] parts = version.toLowerCase(Locale.ROOT).split("[.]", 3);
        if (parts.length < 2) {
            return null;
        }
        try {
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1].replaceAll("[^0-9].*$", ""))};
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }

    private static String explanation(InstalledPackageView stated, List<InstalledPackageView> otherMajor,
                                      List<InstalledPackageView> otherMinor) {
        String release = stated.record().getVersion();
        StringBuilder out = new StringBuilder(CUDA_VERSION + " " + release + " says this environment's CUDA packages are built for CUDA "
                + release + ", but ");
        if (!otherMajor.isEmpty()) {
            out.append(names(otherMajor)).append(otherMajor.size() == 1 ? " is" : " are").append(" from another CUDA major: packages built for CUDA ")
                    .append(release).append(" find none of its libraries (each CUDA major has its own sonames)");
            if (!otherMinor.isEmpty()) {
                out.append(", and ");
            }
        }
        if (!otherMinor.isEmpty()) {
            out.append(names(otherMinor)).append(otherMinor.size() == 1 ? " is" : " are").append(" from another CUDA minor, which loads only "
                    + "under CUDA minor-version compatibility");
        }
        return out.append('.').toString();
    }

    private static String names(List<InstalledPackageView> packages) {
        return String.join(", ", packages.stream().map(InstalledPackageView::toString).toList());
    }

    private static String fix(List<InstalledPackageView> otherMajor, List<InstalledPackageView> otherMinor) {
        Set<String> releases = new LinkedHashSet<>();
        for (List<InstalledPackageView> group : List.of(otherMajor, otherMinor)) {
            for (InstalledPackageView p : group) {
                if (RELEASE_VERSIONED.contains(component(p))) {
                    long[] cuda = majorMinor(p.record().getVersion());
                    releases.add(cuda[0] + "." + cuda[1]);
                }
            }
        }
        if (releases.size() == 1) {
            return "conda install cuda-version=" + releases.iterator().next() + " (the CUDA release of the installed components), "
                    + "or reinstall the components for the cuda-version installed";
        }
        return "make the CUDA components one release: conda install cuda-version=X.Y with the components of CUDA X.Y";
    }
}
