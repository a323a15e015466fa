package io.envaudit.listings;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The listing formats envaudit reads, each with the name {@code --input-format} takes. docs/listings.md describes them. */
public enum ListingFormat {
    /** {@code conda list}: a table of name, version, build and channel. */
    CONDA_LIST("conda-list", new CondaListParser()),
    /** {@code conda list --json}: a JSON list of one object per package. */
    CONDA_LIST_JSON("conda-list-json", new CondaListJsonParser()),
    /** {@code conda list --export}: {@code name=version=build} lines. */
    CONDA_EXPORT("conda-export", new CondaExportParser()),
    /** {@code conda list --explicit}: package URLs after {@code @EXPLICIT}. */
    CONDA_EXPLICIT("conda-explicit", new CondaExplicitParser()),
    /** {@code conda env export} and environment.yml files. */
    CONDA_ENV_EXPORT("conda-env-export", new EnvironmentYamlParser()),
    /** conda-lock's {@code conda-lock.yml}, version 1. */
    CONDA_LOCK("conda-lock", new CondaLockParser()),
    /** {@code pip freeze} and pinned requirements files. */
    PIP_FREEZE("pip-freeze", new PipFreezeParser()),
    /** {@code pip list}: a table of name and version under a {@code Package  Version} header. */
    PIP_LIST("pip-list", new PipListParser()),
    /** {@code pip list --format json}: a JSON list of name and version. */
    PIP_LIST_JSON("pip-list-json", new PipListJsonParser()),
    /** The output of PyTorch's {@code collect_env.py} (python -m torch.utils.collect_env). */
    COLLECT_ENV("collect-env", new CollectEnvParser()),
    /** uv's {@code uv.lock}, version 1. */
    UV_LOCK("uv-lock", new UvLockParser()),
    /** Poetry's {@code poetry.lock}, lock versions 1.x and 2.x. */
    POETRY_LOCK("poetry-lock", new PoetryLockParser()),
    /** pixi's {@code pixi.lock}, versions 5, 6 and 7. */
    PIXI_LOCK("pixi-lock", new PixiLockParser());

    private final String id;
    private final ListingParser parser;

    ListingFormat(String id, ListingParser parser) {
        this.id = id;
        this.parser = parser;
    }

    public String id() {
        return id;
    }

    ListingParser parser() {
        return parser;
    }

    /** The format of an {@code --input-format} name. */
    public static ListingFormat byId(String id) {
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown listing format '" + id + "' (expected one of " + ids() + ")"));
    }

    /** The names, comma-separated, for messages. */
    public static String ids() {
        return Arrays.stream(values()).map(ListingFormat::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
