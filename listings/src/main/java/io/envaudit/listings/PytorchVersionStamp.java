package io.envaudit.listings;

import io.envaudit.engine.pep440.Pep440Version;
import io.envaudit.schemas.InstalledPackage;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version torch, torchvision and torchaudio stamp on themselves (their {@code __version__} and their metadata),
 * as their setup scripts write it: a release build takes {@code PYTORCH_BUILD_VERSION} (or {@code TORCHVISION_...},
 * {@code TORCHAUDIO_...}) and appends {@code .post<N>} when {@code PYTORCH_BUILD_NUMBER} is above 1, so a conda
 * package of version V and build number N reports V or V.postN (conda-forge's pytorch 2.4.1 build 300 reports
 * 2.4.1.post300); a build without those variables reports its tree's {@code version.txt} and {@code +} the first
 * seven hex digits of its commit (the pytorch channel's torchaudio 0.9.1 reports 0.9.0a0+a85b239).
 */
final class PytorchVersionStamp {
    private static final Set<String> STAMPED = Set.of("torch", "torchvision", "torchaudio");
    private static final Pattern BUILD_NUMBER = Pattern.compile("_(\\d+)$");
    private static final Pattern COMMIT_LABEL = Pattern.compile("(git)?[0-9a-f]{7}");

    private PytorchVersionStamp() {
    }

    /** Whether this distribution stamps its version as described. */
    static boolean stamps(String distribution) {
        return STAMPED.contains(distribution);
    }

    /** Whether {@code reported} is what the conda package's release build stamps: its version, or with {@code .post<N>}. */
    static boolean isReleaseStampOf(InstalledPackage condaPackage, String reported) {
        Matcher number = BUILD_NUMBER.matcher(condaPackage.getBuild() == null ? "" : condaPackage.getBuild());
        if (!number.find() || Long.parseLong(number.group(1)) <= 1) {
            return false;
        }
        Pep440Version stamped = Pep440Version.tryParse(condaPackage.getVersion() + ".post" + number.group(1));
        return stamped != null && stamped.equals(Pep440Version.tryParse(reported));
    }

    /** Whether {@code reported} is a build from a source tree, which a conda package may be whatever its own version. */
    static boolean isTreeStamp(String reported) {
        Pep440Version version = Pep440Version.tryParse(reported);
        return version != null && version.hasLocal() && COMMIT_LABEL.matcher(version.local()).matches();
    }
}
