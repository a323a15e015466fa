package io.envaudit.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes conda-meta records as conda writes them: the keys, their order and their value types of the real
 * records in {@code src/test/resources/real-envs/conda-meta}, for packages those do not cover.
 */
public final class CondaRecords {
    private static final Pattern BUILD_NUMBER = Pattern.compile("_(\\d+)(?:_[a-z]+)?$");

    private CondaRecords() {
    }

    /**
     * Writes {@code prefix/conda-meta/<name>-<version>-<build>.json}.
     *
     * @param channelUrl the channel's subdir URL ({@code https://repo.anaconda.com/pkgs/main/win-64})
     * @param files      paths relative to the prefix, with {@code /} as conda writes them (or {@code \} as older condas did on Windows)
     */
    public static Path write(Path prefix, String name, String version, String build, String channelUrl, List<String> depends,
                             List<String> files) throws IOException {
        String subdir = channelUrl.substring(channelUrl.lastIndexOf('/') + 1);
        String fn = name + "-" + version + "-" + build + ".conda";
        Path file = prefix.resolve("conda-meta").resolve(name + "-" + version + "-" + build + ".json");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, """
                {
                  "build": %s,
                  "build_number": %d,
                  "channel": %s,
                  "constrains": [],
                  "depends": %s,
                  "features": "",
                  "files": %s,
                  "fn": %s,
                  "license": "BSD-3-Clause",
                  "link": {
                    "source": %s,
                    "type": 1
                  },
                  "name": %s,
                  "paths_data": {
                    "paths": [],
                    "paths_version": 1
                  },
                  "requested_spec": "None",
                  "subdir": %s,
                  "url": %s,
                  "version": %s
                }
                """.formatted(quote(build), buildNumber(build), quote(channelUrl), array(depends), array(files), quote(fn),
                quote(prefix.resolve("pkgs").resolve(name + "-" + version + "-" + build).toString()), quote(name), quote(subdir),
                quote(channelUrl + "/" + fn), quote(version)));
    }

    /** conda's build number ends the build string ({@code h1234567_1}), or comes before a variant ({@code h2628c8c_0_cpython}). */
    private static int buildNumber(String build) {
        Matcher m = BUILD_NUMBER.matcher(build);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String array(List<String> values) {
        return values.isEmpty() ? "[]" : values.stream().map(CondaRecords::quote)
                .collect(Collectors.joining(",\n    ", "[\n    ", "\n  ]"));
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
