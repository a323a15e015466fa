package io.envaudit.listings;

import io.envaudit.schemas.Environment;
import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.EnvironmentSnapshot;
import io.envaudit.schemas.Host;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Installer;
import io.envaudit.schemas.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A read listing made into a snapshot, with the identity the user gives it. */
public final class ListingSnapshots {
    /** The host id of a listing nobody said the host of. */
    public static final String UNKNOWN_HOST = "unknown";
    /** How many skipped line numbers the snapshot's source names before it only counts them. */
    private static final int NAMED_SKIPS = 10;

    private ListingSnapshots() {
    }

    /**
     * The platform is the one the listing states; a listing that states none (no OS, machine or subdir) gets the
     * one its conda packages show ({@link PlatformInference}), and its source says so and from what.
     *
     * @param source the listing's path as the user gave it (or {@code -}): the prefix when neither the user
     *               nor the listing states one; its file name goes into the snapshot's {@code source}
     */
    public static EnvironmentSnapshot snapshot(ParsedListing listing, ListingIdentity identity, String source) {
        Platform stated = listing.platform();
        Optional<PlatformInference.Inferred> inferred = statesNoPlatform(stated)
                ? PlatformInference.infer(listing.packages()) : Optional.empty();
        Platform platform = inferred.map(i -> withInferred(stated, i.platform())).orElse(stated);
        String hostId = identity.hostId() != null ? identity.hostId() : UNKNOWN_HOST;
        String prefix = identity.prefix() != null ? identity.prefix() : listing.prefix() != null ? listing.prefix() : source;
        String environmentId = identity.environmentId() != null ? identity.environmentId() : hostId + "/" + prefix;
        return EnvironmentSnapshot.newBuilder()
                .setHost(Host.newBuilder().setId(hostId).setHostname(identity.hostname() != null ? identity.hostname() : hostId)
                        .setLabels(new TreeMap<>(identity.labels())).build())
                .setEnvironment(Environment.newBuilder().setId(environmentId).setName(environmentName(listing, prefix))
                        .setPrefix(prefix).setManager(listing.manager()).build())
                .setPlatform(withPython(platform, listing.packages()))
                .setCollectedAt(identity.collectedAt())
                .setPartial(listing.partial())
                .setSource(describe(listing, source, inferred))
                .setPackages(new ArrayList<>(listing.packages()))
                .build();
    }

    /** The name the listing states, else for a conda environment the one conda gives its prefix. */
    private static String environmentName(ParsedListing listing, String prefix) {
        if (listing.environmentName() != null) {
            return listing.environmentName();
        }
        return listing.manager() == EnvironmentManager.CONDA ? Prefixes.environmentName(prefix) : null;
    }

    private static boolean statesNoPlatform(Platform platform) {
        return platform.getOs() == null && platform.getArch() == null && platform.getSubdir() == null;
    }

    /** The facts the listing states (Python, glibc, driver) with the inferred OS, machine and subdir. */
    private static Platform withInferred(Platform stated, Platform inferred) {
        return Platform.newBuilder(stated).setOs(inferred.getOs()).setArch(inferred.getArch()).setSubdir(inferred.getSubdir()).build();
    }

    /** The platform, with the Python version of the listing's conda {@code python} package when it states none. */
    private static Platform withPython(Platform platform, List<InstalledPackage> packages) {
        if (platform.getPythonVersion() != null) {
            return platform;
        }
        return packages.stream()
                .filter(p -> p.getInstaller() == Installer.CONDA && p.getName().equalsIgnoreCase("python"))
                .findFirst()
                .map(python -> Platform.newBuilder(platform).setPythonVersion(python.getVersion()).build())
                .orElse(platform);
    }

    /** {@code conda-list listing env.txt}, the platform it was given and from what, and which lines it left out. */
    private static String describe(ParsedListing listing, String source, Optional<PlatformInference.Inferred> inferred) {
        String file = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
        String described = listing.format().id() + " listing " + file + inferred.map(i -> "; " + i.describe()).orElse("");
        List<SkippedLine> skipped = listing.skipped();
        if (skipped.isEmpty()) {
            return described;
        }
        String lines = skipped.stream().limit(NAMED_SKIPS).map(s -> String.valueOf(s.line())).collect(Collectors.joining(", "));
        return described + "; " + skipped.size() + (skipped.size() == 1 ? " line" : " lines") + " not read (line "
                + lines + (skipped.size() > NAMED_SKIPS ? ", ..." : "") + ")";
    }
}
