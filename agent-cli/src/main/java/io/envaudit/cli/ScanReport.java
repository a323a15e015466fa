package io.envaudit.cli;

import io.envaudit.agent.host.HostFacts;
import io.envaudit.agent.read.DirectUrl;
import io.envaudit.agent.scan.ScanResult;
import io.envaudit.agent.scan.ScannedEnvironment;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text form of a scan: the host, then each environment with its packages and problems. */
final class ScanReport {
    private ScanReport() {
    }

    static void text(ScanResult result, PrintWriter out) {
        out.println(host(result.host()));
        Map<String, String> labels = result.environments().isEmpty() ? Map.of()
                : result.environments().get(0).snapshot().getHost().getLabels();
        if (!labels.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            labels.forEach((k, v) -> pairs.add(k + "=" + v));
            out.println("labels: " + String.join(", ", pairs));
        }
        result.hostNotes().forEach(n -> out.println("note: " + n));
        for (ScannedEnvironment environment : result.environments()) {
            out.println();
            environment(environment, out);
        }
        if (!result.problems().isEmpty()) {
            out.println();
            out.println("scan problems:");
            result.problems().forEach(p -> out.println("  " + p));
        }
        out.println();
        out.println(result.environments().size() + " environment" + (result.environments().size() == 1 ? "" : "s")
                + (result.complete() ? "" : " (the time budget ran out: the scan is incomplete)"));
    }

    private static String host(HostFacts host) {
        StringBuilder line = new StringBuilder("host ").append(host.hostname()).append(" (id ").append(host.id()).append(")");
        if (host.distribution() != null) {
            line.append(", ").append(host.distribution());
        }
        line.append(", ").append(host.os()).append(' ').append(host.osVersion()).append(' ').append(host.arch());
        if (host.glibcVersion() != null) {
            line.append(", glibc ").append(host.glibcVersion());
        }
        if (host.nvidiaDriverVersion() == null) {
            line.append(", no NVIDIA driver");
        } else {
            line.append(", NVIDIA driver ").append(host.nvidiaDriverVersion());
            if (host.cudaDriverVersion() != null) {
                line.append(" (CUDA ").append(host.cudaDriverVersion()).append(')');
            }
            if (!host.gpus().isEmpty()) {
                line.append(", GPUs: ").append(String.join(", ", host.gpus()));
            }
        }
        return line.toString();
    }

    private static void environment(ScannedEnvironment scanned, PrintWriter out) {
        EnvironmentSnapshot snapshot = scanned.snapshot();
        String name = snapshot.getEnvironment().getName();
        String python = snapshot.getPlatform().getPythonVersion();
        out.println(snapshot.getEnvironment().getManager().toString().toLowerCase(Locale.ROOT) + " "
                + snapshot.getEnvironment().getPrefix() + (name == null ? "" : " (" + name + ")")
                + ", Python " + (python == null ? "unknown" : python) + ", " + snapshot.getPackages().size() + " packages"
                + (snapshot.getPartial() ? ", partial (see the problems)" : ""));
        for (InstalledPackage p : snapshot.getPackages()) {
            out.println("  " + p.getName() + " " + p.getVersion() + "  " + origin(p, scanned.origins().get(p.getName())));
        }
        scanned.problems().forEach(p -> out.println("  problem: " + p));
    }

    private static String origin(InstalledPackage p, DirectUrl directUrl) {
        if (p.getInstaller() == Installer.CONDA) {
            return "conda " + p.getChannel() + (p.getBuild() == null ? "" : " " + p.getBuild());
        }
        StringBuilder out = new StringBuilder(p.getInstaller().toString().toLowerCase(Locale.ROOT));
        if (directUrl != null) {
            out.append(", ").append(directUrl);
        }
        if (p.getShadows() != null) {
            out.append(", over conda's ").append(p.getShadows());
        }
        return out.toString();
    }
}
