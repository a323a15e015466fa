package io.envaudit.listings;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which format a listing is in. Formats with a mark of their own are told by it: a JSON list of objects, by the
 * fields of its first ({@code conda list --json}'s {@code build_string}, {@code dist_name} or {@code base_url}, else
 * pip list's {@code name} and {@code version}); pip list's {@code Package  Version} header over its dashes;
 * {@code @EXPLICIT}; a
 * conda-lock file's top-level {@code version:}, {@code metadata:} and {@code package:}; a pixi.lock's
 * top-level {@code version:}, {@code environments:} and {@code packages:}; a poetry.lock's
 * {@code lock-version =}; a uv.lock's top-level {@code version = N} with {@code requires-python =} or
 * {@code [[package]]} tables; collect_env's libraries heading or {@code [pip3]} / {@code [conda]} lines; an
 * environment file's top-level {@code dependencies:}. The others are told by their lines: the format most lines read as wins, so a
 * hand-written preamble or a stray line does not decide it.
 */
public final class FormatDetector {
    private static final Pattern CONDA_EXPORT_ROW = Pattern.compile("[^\\s=#]+=[^\\s=]+=[^\\s=]+");
    // possessive: a conda list row's run of padding must not be split between the two spaces of the pattern
    private static final Pattern PIP_LINE = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*+\\s*+(\\[[^\\]]*\\])?\\s*+(===?[^=\\s].*|@\\s*\\S+.*))|(-e|--editable)\\s+\\S+.*");
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
    private static final Pattern COLLECT_ENV_LINE = Pattern.compile("\\[(pip3?|conda)\\]\\s.*");
    private static final Pattern TOML_VERSION = Pattern.compile("version\\s*=\\s*\\d+\\s*");
    private static final Pattern TOML_PACKAGE = Pattern.compile("\\[\\[\\s*package\\s*]]\\s*");
    private static final Pattern POETRY_LOCK_VERSION = Pattern.compile("lock-version\\s*=.*");
    private static final Pattern REQUIRES_PYTHON = Pattern.compile("requires-python\\s*=.*");

    private FormatDetector() {
    }

    /** @throws ListingException when no format fits, naming the listing and the formats tried */
    public static ListingFormat detect(ListingText text) {
        if (JsonList.looksLikeOne(text)) {
            return json(text);
        }
        List<String> lines = text.lines();
        boolean version = false;
        boolean metadata = false;
        boolean packages = false;
        boolean environments = false;
        boolean pixiPackages = false;
        boolean tomlVersion = false;
        boolean requiresPython = false;
        boolean packageTables = false;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String line = raw.strip();
            if (PipListParser.isHeader(lines, i)) {
                return ListingFormat.PIP_LIST;
            }
            if (line.equals(CondaExplicitParser.MARKER)) {
                return ListingFormat.CONDA_EXPLICIT;
            }
            if (line.equals(CollectEnvParser.LIBRARIES) || COLLECT_ENV_LINE.matcher(line).matches()) {
                return ListingFormat.COLLECT_ENV;
            }
            if (raw.startsWith("lock-version") && POETRY_LOCK_VERSION.matcher(raw).matches()) {
                return ListingFormat.POETRY_LOCK;
            }
            version |= raw.startsWith("version:");
            metadata |= raw.startsWith("metadata:");
            packages |= raw.startsWith("package:");
            environments |= raw.startsWith("environments:");
            pixiPackages |= raw.startsWith("packages:");
            tomlVersion |= raw.startsWith("version") && TOML_VERSION.matcher(raw).matches();
            requiresPython |= raw.startsWith("requires-python") && REQUIRES_PYTHON.matcher(raw).matches();
            packageTables |= TOML_PACKAGE.matcher(line).matches();
        }
        if (version && metadata && packages) {
            return ListingFormat.CONDA_LOCK;
        }
        if (version && environments && pixiPackages) {
            return ListingFormat.PIXI_LOCK;
        }
        if (tomlVersion && (requiresPython || packageTables)) {
            return ListingFormat.UV_LOCK;
        }
        if (lines.stream().anyMatch(l -> l.startsWith("dependencies:"))) {
            return ListingFormat.CONDA_ENV_EXPORT;
        }
        return byLines(text);
    }

    /** {@code conda list --json} or {@code pip list --format json}, by the fields of the first package. */
    private static ListingFormat json(ListingText text) {
        List<String> fields = new JsonList(text).firstKeys();
        if (fields.contains("build_string") || fields.contains("dist_name") || fields.contains("base_url")) {
            return ListingFormat.CONDA_LIST_JSON;
        }
        if (fields.contains("name") && fields.contains("version")) {
            return ListingFormat.PIP_LIST_JSON;
        }
        throw text.error(0, "cannot tell the listing's format: " + (fields.isEmpty() ? "an empty JSON list"
                : "a JSON list whose first object has neither conda list --json's fields (build_string, dist_name, base_url) "
                + "nor pip list --format json's (name, version), but " + String.join(", ", fields))
                + "; name the format with --input-format (" + ListingFormat.ids() + ")");
    }

    /** Name, a version with a digit in it (prose has few), a build and maybe a channel. */
    private static boolean isCondaListRow(String line) {
        String[] columns = WHITE_SPACE.split(line);
        return (columns.length == 3 || columns.length == 4) && !columns[0].contains("=")
                && columns[1].chars().anyMatch(Character::isDigit) && !columns[2].startsWith("@");
    }

    private static ListingFormat byLines(ListingText text) {
        Map<ListingFormat, Integer> votes = new EnumMap<>(ListingFormat.class);
        for (String raw : text.lines()) {
            String line = raw.strip();
            if (line.startsWith("# packages in environment at ")) {
                votes.merge(ListingFormat.CONDA_LIST, 1, Integer::sum);
            } else if (line.isEmpty() || line.startsWith("#")) {
                continue;
            } else if (CONDA_EXPORT_ROW.matcher(line).matches()) {
                votes.merge(ListingFormat.CONDA_EXPORT, 1, Integer::sum);
            } else if (PIP_LINE.matcher(line).matches()) {
                votes.merge(ListingFormat.PIP_FREEZE, 1, Integer::sum);
            } else if (isCondaListRow(line)) {
                votes.merge(ListingFormat.CONDA_LIST, 1, Integer::sum);
            }
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElseThrow(() -> text.error(0, "cannot tell the listing's format: no line reads as a conda list row, "
                        + "a conda export line or a pip requirement, and it is no JSON list and has no pip list header, "
                        + "@EXPLICIT line, conda-lock, pixi.lock, uv.lock, poetry.lock or environment.yml keys or collect_env "
                        + "sections; name the format with --input-format (" + ListingFormat.ids() + ")"));
    }
}
