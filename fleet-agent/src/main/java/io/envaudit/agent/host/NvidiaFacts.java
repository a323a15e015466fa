package io.envaudit.agent.host;

import io.envaudit.agent.process.ProgramException;
import io.envaudit.agent.process.ProgramRun;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NVIDIA driver, the CUDA version it supports and the GPU names. The kernel module's files give the
 * driver version ({@code /proc/driver/nvidia/version}) and each GPU's model
 * ({@code /proc/driver/nvidia/gpus/<bus id>/information}); only the user-space driver knows the CUDA
 * version, so {@code nvidia-smi -q} is run when it is there (a few hundred ms, once per scan), and its
 * answers win. No driver: all null, no GPUs.
 */
final class NvidiaFacts {
    private static final Pattern KERNEL_MODULE = Pattern.compile("Kernel Module\\s+(\\d+(?:\\.\\d+)+)");
    private static final Pattern MODEL = Pattern.compile("(?m)^Model:\\s*(.+?)\\s*$");
    private static final Pattern SMI_FIELD = Pattern.compile("(?m)^\\s*(Driver Version|CUDA Version|Product Name)\\s*:\\s*(.+?)\\s*$");
    private static final Duration SMI_TIMEOUT = Duration.ofSeconds(20);

    record Facts(String driverVersion, String cudaVersion, List<String> gpus) {
    }

    private NvidiaFacts() {
    }

    /**
     * @param nvidiaSmi the nvidia-smi program to run, or null for none
     * @param notes     where problems go (a hanging or failing nvidia-smi)
     */
    static Facts read(Path root, Path nvidiaSmi, List<String> notes) {
        String driver = null;
        List<String> gpus = new ArrayList<>();
        Path proc = root.resolve("proc/driver/nvidia");
        try {
            Path version = proc.resolve("version");
            if (Files.isReadable(version)) {
                Matcher m = KERNEL_MODULE.matcher(Files.readString(version, StandardCharsets.ISO_8859_1));
                driver = m.find() ? m.group(1) : null;
            }
            Path gpuFolder = proc.resolve("gpus");
            if (Files.isDirectory(gpuFolder)) {
                List<Path> buses = new ArrayList<>();
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(gpuFolder)) {
                    stream.forEach(buses::add);
                }
                buses.sort(null);
                for (Path bus : buses) {
                    Path information = bus.resolve("information");
                    if (Files.isReadable(information)) {
                        Matcher m = MODEL.matcher(Files.readString(information, StandardCharsets.ISO_8859_1));
                        if (m.find()) {
                            gpus.add(m.group(1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            notes.add(proc + ": cannot be read: " + e.getMessage());
        }
        String cuda = null;
        if (nvidiaSmi != null) {
            String output = run(nvidiaSmi, notes);
            if (output != null) {
                List<String> smiGpus = new ArrayList<>();
                Matcher m = SMI_FIELD.matcher(output);
                while (m.find()) {
                    switch (m.group(1)) {
                        case "Driver Version" -> driver = m.group(2);
                        case "CUDA Version" -> cuda = m.group(2);
                        default -> smiGpus.add(m.group(2));
                    }
                }
                if (!smiGpus.isEmpty()) {
                    gpus = smiGpus;
                }
            }
        }
        return new Facts(driver, cuda, gpus);
    }

    private static String run(Path nvidiaSmi, List<String> notes) {
        ProgramRun.Output output;
        try {
            output = ProgramRun.run(List.of(nvidiaSmi.toString(), "-q"), SMI_TIMEOUT);
        } catch (ProgramException e) {
            notes.add(nvidiaSmi + " " + e.getMessage() + "; CUDA version unknown");
            return null;
        }
        if (output.exitCode() != 0) {
            notes.add(nvidiaSmi + " -q exited with " + output.exitCode() + "; CUDA version unknown");
            return null;
        }
        return output.stdout();
    }
}
