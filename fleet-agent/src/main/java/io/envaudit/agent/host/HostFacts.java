package io.envaudit.agent.host;

import java.util.List;

/**
 * Facts of the machine, read once per scan and shared by all its snapshots; null where not known.
 *
 * @param id           stable across reboots and renames: {@code /etc/machine-id} on Linux
 * @param distribution the OS distribution ({@code PRETTY_NAME} of {@code /etc/os-release}), for people; the
 *                     snapshot has no field for it
 * @param os           linux, osx or win, as conda's virtual packages name them
 * @param osVersion    the kernel release on Linux
 * @param subdir       conda's platform subdir (linux-64, osx-arm64...)
 */
public record HostFacts(String id, String hostname, String distribution, String os, String osVersion, String arch,
                        String subdir, String glibcVersion, String nvidiaDriverVersion, String cudaDriverVersion,
                        List<String> gpus) {
    public HostFacts {
        gpus = List.copyOf(gpus);
    }
}
