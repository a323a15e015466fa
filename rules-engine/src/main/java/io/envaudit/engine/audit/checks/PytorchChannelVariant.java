package io.envaudit.engine.audit.checks;

import io.envaudit.engine.audit.InstalledPackageView;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variant a pytorch-channel build of PyTorch's stack was made for, as its build string names it: a CUDA release
 * ({@code pytorch 1.0.0 py3.7_cuda9.0.176_cudnn7.4.1_1}, {@code pytorch 1.2.0 py3.6_cuda100_cudnn7_1},
 * {@code torchvision 0.14.1 py310_cu117}) or the CPU ({@code py3.10_cpu_0}, {@code py310_cpu}). These shapes are the
 * pytorch channel's own: conda-forge and Anaconda start their variant builds with {@code cuda118}, {@code cpu_} or
 * {@code gpu_}, and the channel's variant-less builds ({@code torchvision 0.2.1 py36_1}, noarch {@code py_3}) name none.
 *
 * @param cuda the CUDA release as major.minor ({@code 9.0}, {@code 10.0}), or null for a CPU-only build
 */
record PytorchChannelVariant(String cuda) {
    private static final Pattern CUDA = Pattern.compile("py\\d[\\d.]*_(?:cuda(\\d+(?:\\.\\d+)+)|cuda(\\d{2,3})|cu(\\d{2,3}))(?:_.*)?");
    private static final Pattern CPU = Pattern.compile("py\\d[\\d.]*_cpu(?:_\\d+)?");

    static final PytorchChannelVariant CPU_ONLY = new PytorchChannelVariant(null);

    /** The variant of a conda record's build, or empty when its build string names none in the pytorch channel's shapes. */
    static Optional<PytorchChannelVariant> of(InstalledPackageView p) {
        String build = p.isConda() ? p.record().getBuild() : null;
        if (build == null) {
            return Optional.empty();
        }
        if (CPU.matcher(build).matches()) {
            return Optional.of(CPU_ONLY);
        }
        Matcher cuda = CUDA.matcher(build);
        if (!cuda.matches()) {
            return Optional.empty();
        }
        if (cuda.group(1) != null) {
            String[] numbers = cuda.group(1).split("[.]");
            return Optional.of(new PytorchChannelVariant(Long.parseLong(numbers[0]) + "." + Long.parseLong(numbers[1])));
        }
        return Optional.of(ofDigits(cuda.group(2) != null ? cuda.group(2) : cuda.group(3)));
    }

    /**
     * A CUDA release written without its dot, as the pytorch channel writes it in {@code cu117} and selector names
     * ({@code cuda92}, {@code cuda100}): the last digit is the minor.
     */
    static PytorchChannelVariant ofDigits(String digits) {
        return new PytorchChannelVariant(Long.parseLong(digits.substring(0, digits.length() - 1)) + "." + digits.charAt(digits.length() - 1));
    }

    /** "built for CUDA 9.0" or "a CPU-only build". */
    String describe() {
        return cuda == null ? "a CPU-only build" : "built for CUDA " + cuda;
    }
}
