package io.envaudit.engine.rules;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.envaudit.engine.rules.RuleFileResources.load;
import static io.envaudit.engine.rules.RuleFileResources.problemLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each kind of mistake in a rule file, reported at its file, line and column with the words a user needs. */
class RuleFileProblemTest {

    private static void assertProblems(String path, String... expected) {
        LoadedRules loaded = load(path);
        assertEquals(List.of(expected), problemLines(loaded));
    }

    @Test
    void textThatIsNotYamlIsOneProblemWhereTheBracketLeftOpenIs() {
        assertProblems("problems/not-yaml.yaml",
                "problems/not-yaml.yaml:3:14: error: invalid YAML: the '[' is not closed (at line 4, column 13: "
                        + "expected ',' or ']', but got :)");
    }

    @Test
    void aFileMustBeAMapping() {
        assertProblems("problems/not-a-mapping.yaml",
                "problems/not-a-mapping.yaml:1:1: error: a rule file must be a mapping, found a list");
    }

    @Test
    void unknownKeysAreNamedWithTheKeysAllowedAtThatLevel() {
        assertProblems("problems/unknown-keys.yaml",
                "problems/unknown-keys.yaml:1:1: error: unknown key 'rule' in a rule file; allowed keys: rules, waivers, checks",
                "problems/unknown-keys.yaml:8:5: error: unknown key 'requires' in a rule; allowed keys: id, description, "
                        + "source, severity, scope, when, require, forbid, same_channel, channel_mix, fix",
                "problems/unknown-keys.yaml:10:7: error: unknown key 'label' in 'scope'; allowed keys: labels, hosts, "
                        + "environments, platform, installers, channels",
                "problems/unknown-keys.yaml:11:29: error: unknown key 'distro' in 'platform'; allowed keys: os, arch, subdir",
                "problems/unknown-keys.yaml:12:56: error: unknown key 'also' in 'channel_mix'; allowed keys: channel, with",
                "problems/unknown-keys.yaml:14:30: error: unknown key 'channel' in a conda spec; allowed keys: conda");
    }

    @Test
    void aKeyGivenTwiceIsAnError() {
        assertProblems("problems/duplicate-keys.yaml",
                "problems/duplicate-keys.yaml:7:5: error: duplicate key 'severity' in a rule (first at line 5)");
    }

    @Test
    void valuesOfTheWrongShapeSayWhatWasExpectedAndFound() {
        assertProblems("problems/wrong-types.yaml",
                "problems/wrong-types.yaml:3:18: error: 'description' must be text, found a list",
                "problems/wrong-types.yaml:4:13: error: 'source' must be text or a list of texts, found a mapping",
                "problems/wrong-types.yaml:7:14: error: 'hosts' must be a list, found a mapping",
                "problems/wrong-types.yaml:8:22: error: 'team' in 'labels' must be text, found a list",
                "problems/wrong-types.yaml:9:11: error: 'when' must be a list, found 'tensorflow>=2'",
                "problems/wrong-types.yaml:11:9: error: each entry of 'require' must be a PEP 508 spec or {conda: ...}, found a list",
                "problems/wrong-types.yaml:12:17: error: 'conda' must be text, found a list",
                "problems/wrong-types.yaml:13:9: error: 'fix' must be text, found nothing",
                "problems/wrong-types.yaml:15:26: error: 'enabled' must be true or false, found 'yes'",
                "problems/wrong-types.yaml:16:18: error: check 'conda-depends' must be a mapping, found 'off'");
    }

    @Test
    void missingRequiredKeysAreReportedAtTheEntry() {
        assertProblems("problems/missing-fields.yaml",
                "problems/missing-fields.yaml:2:5: error: rule 'no-source' is missing required key 'source'",
                "problems/missing-fields.yaml:2:5: error: rule 'no-source' is missing required key 'severity'",
                "problems/missing-fields.yaml:5:5: error: rule 'no-effect' needs at least one of when, require, forbid, "
                        + "same_channel, channel_mix",
                "problems/missing-fields.yaml:10:5: error: a rule is missing required key 'id'",
                "problems/missing-fields.yaml:15:5: error: waiver 'no-owner' is missing required key 'owner'",
                "problems/missing-fields.yaml:15:5: error: waiver 'no-owner' is missing required key 'expires'");
    }

    @Test
    void idsFollowThePattern() {
        assertProblems("problems/bad-ids.yaml",
                "problems/bad-ids.yaml:2:9: error: invalid rule id 'TensorFlow_Protobuf': an id matches [a-z0-9][a-z0-9._-]*",
                "problems/bad-ids.yaml:7:9: error: invalid rule id '-leading-dash': an id matches [a-z0-9][a-z0-9._-]*",
                "problems/bad-ids.yaml:13:9: error: invalid waiver id 'waiver one': an id matches [a-z0-9][a-z0-9._-]*",
                "problems/bad-ids.yaml:14:11: warning: waiver names rule 'tensorflow-protobuf', which is neither a loaded "
                        + "rule nor a built-in check");
    }

    @Test
    void severitiesOfRulesAndChecksAreChecked() {
        assertProblems("problems/bad-severities.yaml",
                "problems/bad-severities.yaml:5:15: error: unknown severity 'fatal' (expected info, warning, error or critical)",
                "problems/bad-severities.yaml:8:32: error: unknown severity 'high' (expected info, warning, error or critical)");
    }

    @Test
    void aSpecThatDoesNotParseIsReportedAtItsText() {
        assertProblems("problems/bad-specs.yaml",
                "problems/bad-specs.yaml:7:9: error: invalid PEP 508 requirement 'protobuf<<3': expected the end or a "
                        + "semicolon after the name and no valid version specifier (at offset 8)",
                "problems/bad-specs.yaml:8:9: error: invalid package spec 'tensorflow[and-cuda]>=2.10': a rule names "
                        + "versions, not extras",
                "problems/bad-specs.yaml:9:9: error: invalid package spec 'torch @ https://download.pytorch.org/whl/"
                        + "torch-2.1.0.whl': a rule names versions, not a URL",
                "problems/bad-specs.yaml:11:17: error: invalid MatchSpec 'numpy >=1.2,<': invalid conda version spec "
                        + "'>=1.2,<': invalid operator in '<'",
                "problems/bad-specs.yaml:12:17: error: invalid conda package spec '*': name one package (no wildcard)",
                "problems/bad-specs.yaml:13:9: error: invalid conda version spec '=>12': invalid operator in '=>12'",
                "problems/bad-specs.yaml:14:26: error: invalid PEP 508 requirement '<2': expected a package name at the "
                        + "start (at offset 0); in [...] a comma separates entries, so quote a spec that has one");
    }

    @Test
    void installersAndPlatformKeysAreFromAFixedSet() {
        assertProblems("problems/bad-scopes.yaml",
                "problems/bad-scopes.yaml:7:25: error: unknown installer 'brew' (expected conda, pip, os or unknown)",
                "problems/bad-scopes.yaml:8:29: error: unknown key 'kernel' in 'platform'; allowed keys: os, arch, subdir");
    }

    @Test
    void channelMixNeedsAChannelAndOthersAndSameChannelTwoPackages() {
        assertProblems("problems/bad-channel-rules.yaml",
                "problems/bad-channel-rules.yaml:6:18: error: 'channel_mix' is missing required key 'channel'",
                "problems/bad-channel-rules.yaml:11:44: error: 'with' is an empty list; leave it out or give at least one entry",
                "problems/bad-channel-rules.yaml:16:19: error: 'same_channel' must name at least two packages");
    }

    @Test
    void anEmptyListIsAnErrorRatherThanAScopeThatSelectsEverything() {
        assertProblems("problems/empty-lists.yaml",
                "problems/empty-lists.yaml:6:20: error: 'hosts' is an empty list; leave it out or give at least one entry",
                "problems/empty-lists.yaml:7:11: error: 'when' is an empty list; leave it out or give at least one entry");
    }

    @Test
    void checksMustBeBuiltInOnes() {
        LoadedRules loaded = load("problems/unknown-checks.yaml");
        assertEquals(List.of("problems/unknown-checks.yaml:2:3: error: unknown check 'pip-check'; built-in checks: "
                + "channel-mix, conda-depends, duplicate-distribution, pip-requirements"), problemLines(loaded));
        assertEquals(new RuleSet.CheckSetting(false, Severity.ERROR), loaded.ruleSet().checks().get("channel-mix"));
    }

    @Test
    void expiresIsADateOrAnInstantWithItsOffset() {
        String expected = ": expected a date (2027-01-31) or an ISO-8601 instant with its offset (2027-01-31T18:00:00Z)";
        assertProblems("problems/bad-expiry.yaml",
                "problems/bad-expiry.yaml:6:14: error: invalid 'expires' '2027-02-30'" + expected,
                "problems/bad-expiry.yaml:11:14: error: invalid 'expires' '2027-01-31T12:00:00'" + expected);
    }

    @Test
    void aWaiverOfNoKnownRuleIsAWarningAndStillLoaded() {
        LoadedRules loaded = load("problems/unknown-waived-rule.yaml");
        assertEquals(List.of("problems/unknown-waived-rule.yaml:3:11: warning: waiver 'waives-nothing' names rule "
                + "'tensorflow-protobuf', which is neither a loaded rule nor a built-in check"), problemLines(loaded));
        assertFalse(loaded.hasErrors());
        assertEquals(List.of("waives-nothing"), loaded.ruleSet().waivers().stream().map(Waiver::id).toList());
    }

    @Test
    void aRuleMayNotTakeTheIdOfABuiltInCheck() {
        assertProblems("problems/rule-named-like-a-check.yaml",
                "problems/rule-named-like-a-check.yaml:2:9: error: rule id 'channel-mix' is the id of a built-in check");
    }

    @Test
    void aWaiverMayNotTakeTheIdOfARule() {
        assertProblems("problems/waiver-named-like-a-rule.yaml",
                "problems/waiver-named-like-a-rule.yaml:9:9: error: waiver id 'numpy-pin' is the id of the rule at "
                        + "problems/waiver-named-like-a-rule.yaml:3:9; rules and waivers share one key space");
        assertEquals(List.of(), load("problems/waiver-named-like-a-rule.yaml").ruleSet().waivers());
    }

    @Test
    void aRuleWithAnyProblemIsLeftOutOfTheRuleSet() {
        LoadedRules loaded = load("problems/bad-specs.yaml");
        assertTrue(loaded.hasErrors());
        assertEquals(List.of(), loaded.ruleSet().rules());
    }
}
