package io.envaudit.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The real conda-meta records and METADATA files of {@code src/test/resources/real-envs} (see its PROVENANCE.md). */
public final class RealData {
    public static final List<String> CONDA_META = List.of("_libgcc_mutex-0.1-main.json", "blas-1.0-openblas.json",
            "jupyterlab-4.4.3-pyhd8ed1ab_0.json", "libgomp-11.2.0-h1234567_1.json", "libzlib-1.3.1-h8359307_2.json",
            "numpy-1.15.1-py36had7ef94_0.json", "pip-22.2.2-py38h06a4308_0.json", "python_abi-3.13-5_cp313t.json",
            "vc-9-h7299396_1.json", "zlib-1.2.11-h90dfc92_1014.json");
    /** Folder names of {@code real-envs/dist-info}, each holding one METADATA. */
    public static final List<String> DIST_INFO = List.of("Flask-2.0.0", "annotated_types-0.7.0", "cryptography-2.3.1",
            "h5py-2.8.0", "networkx-3.0", "numpy-1.15.0", "pip-25.0.1", "requests-2.19.1");

    private RealData() {
    }

    public static byte[] bytes(String resource) {
        try (InputStream in = RealData.class.getResourceAsStream("/real-envs/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource real-envs/" + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a real conda-meta record into {@code prefix/conda-meta/}. */
    public static Path condaRecord(Path prefix, String file) throws IOException {
        Path target = prefix.resolve("conda-meta").resolve(file);
        Files.createDirectories(target.getParent());
        return Files.write(target, bytes("conda-meta/" + file));
    }

    /** Copies a real METADATA into {@code site/<folder>.dist-info/METADATA}; returns the dist-info folder. */
    public static Path distInfo(Path site, String folder) throws IOException {
        Path distInfo = site.resolve(folder + ".dist-info");
        Files.createDirectories(distInfo);
        Files.write(distInfo.resolve("METADATA"), bytes("dist-info/" + folder + "/METADATA"));
        return distInfo;
    }
}
