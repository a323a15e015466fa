package io.envaudit.agent.read;

import io.envaudit.schemas.InstalledPackage;

import java.util.List;
import java.util.Map;

/**
 * What one environment holds, read from its files.
 *
 * @param pythonVersion the environment's Python from its files; null when none says
 * @param partial       true when something was left out: a package not shown is unknown, not missing
 * @param origins       the URL origin of pip installs that have one (editable, VCS...), by package name as recorded
 */
public record EnvironmentContents(List<InstalledPackage> packages, String pythonVersion, boolean partial,
                                  List<ReadProblem> problems, Map<String, DirectUrl> origins) {
}
