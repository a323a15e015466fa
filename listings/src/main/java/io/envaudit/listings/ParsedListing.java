package io.envaudit.listings;

import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.InstalledPackage;
import io.envaudit.schemas.Platform;

import java.util.List;

/**
 * What a listing says about an environment, before a host and an environment id are given to it
 * ({@link ListingSnapshots}). What the format does not say is null (or the platform's null fields).
 *
 * @param format          the format it was read as
 * @param packages        the packages, in the listing's order
 * @param packageLines    the line each package is written on (1 for the first, 0 when unknown), in step with
 *                        {@code packages}: what a report points at (SARIF regions)
 * @param platform        the platform facts the listing states
 * @param environmentName the environment's name, when the listing states it
 * @param prefix          the environment's folder, when the listing states it
 * @param manager         CONDA for conda's own listings; UNKNOWN when the format does not tell
 * @param partial         true when the format shows only part of the environment
 * @param skipped         lines that name no package envaudit can record, with the reason
 */
public record ParsedListing(ListingFormat format, List<InstalledPackage> packages, List<Integer> packageLines,
                            Platform platform, String environmentName, String prefix, EnvironmentManager manager,
                            boolean partial, List<SkippedLine> skipped) {

    public ParsedListing {
        packages = List.copyOf(packages);
        packageLines = List.copyOf(packageLines);
        if (packageLines.size() != packages.size()) {
            throw new IllegalArgumentException(packages.size() + " packages but " + packageLines.size() + " lines");
        }
        skipped = List.copyOf(skipped);
    }
}
