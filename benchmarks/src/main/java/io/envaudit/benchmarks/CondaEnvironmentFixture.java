package io.envaudit.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.envaudit.schemas.InstalledPackage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a conda environment of a real size to disk, as conda leaves one: a record in {@code conda-meta/} for
 * each conda package, with the keys, key order, value types and indentation of the real record
 * {@code libgomp-11.2.0-h1234567_1.json} (fleet-agent's test resources), its {@code files} and its
 * {@code paths_data}; the dist-info of each of its Python packages in {@code lib/python3.12/site-packages}
 * (listed in the record's files, as conda lists them); and pip's dist-infos beside them. Each METADATA is one
 * of the real METADATA files of those resources with its Name and Version replaced.
 *
 * <p>How many files a package has is drawn, with a fixed seed, from a log-normal distribution (median
 * {@value #MEDIAN_FILES}, heavy tailed, at most {@value #MAX_FILES}), as real packages range from a mutex
 * with none to header-only libraries and frameworks with many thousands. The files themselves are not
 * written: the agent reads the record, not the files it lists.
 */
final class CondaEnvironmentFixture {
    static final int MEDIAN_FILES = 40;
    static final int MAX_FILES = 20_000;
    private static final double SIGMA = 1.5;
    private static final String SITE = "lib/python3.12/site-packages";
    private static final Pattern NAME = Pattern.compile("(?m)^Name: .*$");
    private static final Pattern VERSION = Pattern.compile("(?m)^Version: .*$");
    private static final Pattern BUILD_NUMBER = Pattern.compile("_(\\d+)$");
    private static final JsonFactory JSON = JsonFactory.builder().build();
    /** conda's json.dumps(indent=2): two spaces, one value a line, "key": value. */
    private static final DefaultPrettyPrinter CONDA_STYLE = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));

    /** What was written: records and dist-infos, the files the records list, and the bytes of conda-meta. */
    record Written(int condaRecords, int condaPythonPackages, int pipDistributions, long listedFiles, long condaMetaBytes) {
    }

    private final Path prefix;
    private final List<byte[]> metadataTemplates;
    private final Random random;
    private final HexFormat hex = HexFormat.of();

    /**
     * @param prefix    the environment's folder (created)
     * @param templates fleet-agent's {@code src/test/resources/real-envs}: its {@code dist-info/*}/METADATA are the templates
     */
    CondaEnvironmentFixture(Path prefix, Path templates, long seed) throws IOException {
        this.prefix = prefix;
        this.random = new Random(seed);
        List<byte[]> found = new ArrayList<>();
        try (var folders = Files.list(templates.resolve("dist-info"))) {
            for (Path folder : folders.sorted().toList()) {
                found.add(Files.readAllBytes(folder.resolve("METADATA")));
            }
        }
        if (found.isEmpty()) {
            throw new IOException(templates + "/dist-info holds no METADATA");
        }
        this.metadataTemplates = found;
    }

    /**
     * @param conda the conda packages (name, version, build, canonical channel) to record
     * @param pip   the pip packages (name, version) to install beside them
     */
    Written write(List<InstalledPackage> conda, List<InstalledPackage> pip) throws IOException {
        Files.createDirectories(prefix.resolve("conda-meta"));
        Files.createDirectories(prefix.resolve("pkgs"));
        Files.createDirectories(prefix.resolve(SITE));
        long files = 0;
        int pythonPackages = 0;
        for (InstalledPackage p : conda) {
            boolean python = p.getBuild() != null && p.getBuild().startsWith("py");
            List<String> listed = files(p, python);
            if (python) {
                String distInfo = SITE + "/" + distInfoName(p.getName(), p.getVersion());
                listed.add(distInfo + "/INSTALLER");
                listed.add(distInfo + "/METADATA");
                distInfo(prefix.resolve(distInfo), p, "conda", pythonPackages++);
            }
            record(p, python, listed, conda);
            files += listed.size();
        }
        int i = pythonPackages;
        for (InstalledPackage p : pip) {
            distInfo(prefix.resolve(SITE).resolve(distInfoName(p.getName(), p.getVersion())), p, "pip", i++);
        }
        long bytes;
        try (var records = Files.list(prefix.resolve("conda-meta"))) {
            bytes = records.mapToLong(f -> f.toFile().length()).sum();
        }
        return new Written(conda.size(), pythonPackages, pip.size(), files, bytes);
    }

    /** A wheel's dist-info folder name: the distribution's name with runs of -_. as _, then the version. */
    private static String distInfoName(String name, String version) {
        return name.replaceAll("[-_.]+", "_") + "-" + version + ".dist-info";
    }

    private void distInfo(Path folder, InstalledPackage p, String installer, int template) throws IOException {
        Files.createDirectories(folder);
        String metadata = new String(metadataTemplates.get(template % metadataTemplates.size()), StandardCharsets.UTF_8);
        metadata = NAME.matcher(metadata).replaceFirst(Matcher.quoteReplacement("Name: " + p.getName()));
        metadata = VERSION.matcher(metadata).replaceFirst(Matcher.quoteReplacement("Version: " + p.getVersion()));
        Files.writeString(folder.resolve("METADATA"), metadata);
        Files.writeString(folder.resolve("INSTALLER"), installer + "\n");
    }

    /** The files a package links into the prefix: modules for a Python package, libraries, headers and data otherwise. */
    private List<String> files(InstalledPackage p, boolean python) {
        int count = (int) Math.min(MAX_FILES, Math.max(1, Math.round(MEDIAN_FILES * Math.exp(SIGMA * random.nextGaussian()))));
        String module = p.getName().replace('-', '_').toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>(count + 2);
        for (int i = 0; i < count; i++) {
            out.add(python
                    ? (i % 2 == 0 ? SITE + "/" + module + "/part" + i / 2 + ".py" : SITE + "/" + module + "/__pycache__/part" + i / 2 + ".cpython-312.pyc")
                    : switch (i % 3) {
                        case 0 -> "lib/lib" + module + ".so." + i;
                        case 1 -> "include/" + module + "/header" + i + ".h";
                        default -> "share/" + module + "/data" + i;
                    });
        }
        return out;
    }

    private void record(InstalledPackage p, boolean python, List<String> files, List<InstalledPackage> all) throws IOException {
        boolean noarch = p.getBuild() != null && p.getBuild().startsWith("pyh");
        String subdir = noarch ? "noarch" : "linux-64";
        String channel = p.getChannel() == null || p.getChannel().equals("defaults")
                ? "https://repo.anaconda.com/pkgs/main/" + subdir
                : "https://conda.anaconda.org/" + p.getChannel() + "/" + subdir;
        String build = p.getBuild() == null ? "0" : p.getBuild();
        String dist = p.getName() + "-" + p.getVersion() + "-" + build;
        Matcher buildNumber = BUILD_NUMBER.matcher(build);
        try (OutputStream out = Files.newOutputStream(prefix.resolve("conda-meta").resolve(dist + ".json"));
             JsonGenerator g = JSON.createGenerator(out)) {
            g.setPrettyPrinter(CONDA_STYLE);
            g.writeStartObject();
            g.writeStringField("build", build);
            g.writeNumberField("build_number", buildNumber.find() ? Integer.parseInt(buildNumber.group(1)) : 0);
            g.writeStringField("channel", channel);
            g.writeArrayFieldStart("constrains");
            g.writeEndArray();
            g.writeArrayFieldStart("depends");
            for (String depend : depends(python, all)) {
                g.writeString(depend);
            }
            g.writeEndArray();
            g.writeStringField("extracted_package_dir", "/opt/conda/pkgs/" + dist);
            g.writeStringField("features", "");
            g.writeArrayFieldStart("files");
            for (String file : files) {
                g.writeString(file);
            }
            g.writeEndArray();
            g.writeStringField("fn", dist + ".conda");
            g.writeStringField("license", "BSD-3-Clause");
            g.writeObjectFieldStart("link");
            g.writeStringField("source", "/opt/conda/pkgs/" + dist);
            g.writeNumberField("type", 1);
            g.writeEndObject();
            g.writeStringField("md5", randomHex(16));
            g.writeStringField("name", p.getName());
            g.writeStringField("package_tarball_full_path", "/opt/conda/pkgs/" + dist + ".conda");
            g.writeObjectFieldStart("paths_data");
            g.writeArrayFieldStart("paths");
            for (String file : files) {
                g.writeStartObject();
                g.writeStringField("_path", file);
                g.writeStringField("path_type", "hardlink");
                g.writeStringField("sha256", randomHex(32));
                g.writeNumberField("size_in_bytes", 200 + random.nextInt(200_000));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("paths_version", 1);
            g.writeEndObject();
            g.writeStringField("requested_spec", "None");
            g.writeStringField("sha256", randomHex(32));
            g.writeNumberField("size", 5_000 + random.nextInt(5_000_000));
            g.writeStringField("subdir", subdir);
            g.writeNumberField("timestamp", 1_700_000_000_000L + random.nextInt(100_000_000));
            g.writeStringField("track_features", "");
            g.writeStringField("url", channel + "/" + dist + ".conda");
            g.writeStringField("version", p.getVersion());
            g.writeEndObject();
        }
    }

    /** Two to six MatchSpecs on other packages of the environment; a Python package's first is python's. */
    private List<String> depends(boolean python, List<InstalledPackage> all) {
        List<String> out = new ArrayList<>();
        if (python) {
            out.add("python >=3.12,<3.13.0a0");
        }
        int count = 2 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            InstalledPackage other = all.get(random.nextInt(all.size()));
            out.add(other.getName() + " >=" + other.getVersion());
        }
        return out;
    }

    private String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return hex.formatHex(b);
    }
}
