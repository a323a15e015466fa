package io.envaudit.listings;

import io.envaudit.engine.names.Channel;
import io.envaudit.engine.names.Channels;
import io.envaudit.schemas.EnvironmentManager;
import io.envaudit.schemas.InstalledPackage;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code conda list --json}: a JSON list of one object per package with {@code name}, {@code version},
 * {@code build_string}, {@code build_number}, {@code channel} (a name: {@code pkgs/main}, {@code conda-forge}),
 * {@code base_url} (the channel's URL, mirrors included), {@code platform} (the package's subdir) and
 * {@code dist_name}. pip installs show with the channel and platform {@code pypi} and the build {@code pypi_0}
 * ({@code dev_0} when editable). Unlike the table it says each package's subdir, so the platform is the one subdir
 * other than {@code noarch} the packages agree on; it does not say the environment's folder.
 */
final class CondaListJsonParser implements ListingParser {

    @Override
    public ParsedListing parse(ListingText text) {
        JsonList json = new JsonList(text);
        ListingBuilder listing = new ListingBuilder(ListingFormat.CONDA_LIST_JSON).manager(EnvironmentManager.CONDA);
        List<String> subdirs = new ArrayList<>();
        for (JsonList.Entry entry : json.entries()) {
            String name = json.required(entry, "name");
            String version = json.required(entry, "version");
            Channel named = Channels.canonical(json.scalar(entry, "channel"));
            if (named.isPypi()) { // pypi, or <develop> for an editable install
                listing.add(Packages.pip(name, version), entry.line());
                continue;
            }
            String baseUrl = json.scalar(entry, "base_url");
            // the URL says more than the name: which mirror of defaults, a channel on another host
            Channel channel = baseUrl != null ? Channels.canonical(baseUrl) : named;
            String subdir = json.scalar(entry, "platform");
            subdir = Subdirs.isSubdir(subdir) ? subdir : null;
            subdirs.add(subdir);
            InstalledPackage.Builder record = InstalledPackage.newBuilder(Packages.conda(name, version, json.scalar(entry, "build_string"),
                    channel, subdir));
            String buildNumber = json.scalar(entry, "build_number");
            if (buildNumber != null && buildNumber.matches("\\d{1,18}")) {
                record.setBuildNumber(Long.parseLong(buildNumber));
            }
            listing.add(record.build(), entry.line());
        }
        Subdirs.platformAgreedOn(subdirs).ifPresent(listing::platform);
        return listing.build();
    }
}
