package io.envaudit.agent.host;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private static final long SMI_TIMEOUT_SECONDS = 20;

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
        Process process;
        try {
            process = new ProcessBuilder(nvidiaSmi.toString(), "-q").redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
        } catch (IOException e) {
            notes.add(nvidiaSmi + ": cannot be run: " + e.getMessage());
            return null;
        }
        // drained beside the wait, so that a chatty program never blocks on a full pipe
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try (InputStream out = process.getInputStream()) {
                return new String(out.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            if (!process.waitFor(SMI_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                notes.add(nvidiaSmi + " did not answer within " + SMI_TIMEOUT_SECONDS + " s; CUDA version unknown");
                return null;
            }
            if (process.exitValue() != 0) {
                notes.add(nvidiaSmi + " -q exited with " + process.exitValue() + "; CUDA version unknown");
                return null;
            }
            return output.get(SMI_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            notes.add(nvidiaSmi + ": its output cannot be read: " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
