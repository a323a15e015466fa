package io.envaudit.cli;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The help of every command of a jar as a user reads it, wrapped at picocli's default 80 columns. A parent
 * lists each command by the first line of its description, so that line is a whole sentence; every other line is a
 * whole paragraph (picocli wraps each on its own, so a line broken by hand ends mid-sentence); and wrapping splits no
 * word: picocli breaks lines where java.text.BreakIterator allows, which includes after the dot of
 * {@code environment.yml} and the hyphen of {@code tensorflow-gpu}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HelpTextContract {
    private static final int WIDTH = 80;
    private static final int SUMMARY_LIMIT = 100;

    /** The jar's top command, whose whole tree is checked. */
    abstract Object root();

    Stream<Named<CommandLine>> commands() {
        List<CommandLine> all = new ArrayList<>();
        collect(new CommandLine(root()), all);
        return all.stream().map(command -> Named.of(command.getCommandSpec().qualifiedName(), command));
    }

    private static void collect(CommandLine command, List<CommandLine> all) {
        command.setUsageHelpWidth(WIDTH);
        all.add(command);
        command.getSubcommands().values().stream().filter(sub -> !(sub.getCommand() instanceof CommandLine.HelpCommand))
                .forEach(sub -> collect(sub, all));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void theFirstLineOfTheDescriptionIsOneShortSentence(CommandLine command) {
        String summary = command.getCommandSpec().usageMessage().description()[0];
        assertTrue(summary.endsWith(".") && !summary.contains(". ") && summary.length() <= SUMMARY_LIMIT, summary);
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyLineOfTheDescriptionIsAWholeParagraphOrAnExample(CommandLine command) {
        for (String line : command.getCommandSpec().usageMessage().description()) {
            assertTrue(line.endsWith(".") || line.endsWith(":") || line.startsWith("  "), "ends mid-sentence: " + line);
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void wrappingSplitsNoWord(CommandLine command) {
        Set<String> words = words(command.getCommandSpec());
        List<String> lines = command.getUsageMessage(CommandLine.Help.Ansi.OFF).lines().toList();
        List<String> split = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            String[] before = lines.get(i).strip().split("\\s+");
            String[] after = lines.get(i + 1).strip().split("\\s+");
            String end = before[before.length - 1];
            String start = after[0];
            boolean pieces = !words.contains(end) || !words.contains(start);
            if (pieces && !end.isEmpty() && !start.isEmpty() && words.stream().anyMatch(w -> w.contains(end + start))) {
                split.add(end + " | " + start);
            }
        }
        assertEquals(List.of(), split, command.getUsageMessage(CommandLine.Help.Ansi.OFF));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void noLineIsWiderThanTheHelp(CommandLine command) {
        command.getUsageMessage(CommandLine.Help.Ansi.OFF).lines()
                .forEach(line -> assertTrue(line.length() <= WIDTH, line.length() + " columns: " + line));
    }

    /** The words the help is written in: every description of the command, its options and parameters, and its subcommands. */
    private static Set<String> words(CommandSpec spec) {
        List<String> texts = new ArrayList<>(Arrays.asList(spec.usageMessage().description()));
        // rendered: with ${COMPLETION-CANDIDATES} and ${DEFAULT-VALUE} filled in, as the help shows them
        spec.options().forEach(o -> texts.addAll(Arrays.asList(o.renderedDescription())));
        spec.positionalParameters().forEach(p -> texts.addAll(Arrays.asList(p.renderedDescription())));
        spec.subcommands().values().forEach(sub -> texts.addAll(Arrays.asList(sub.getCommandSpec().usageMessage().description())));
        Set<String> words = new HashSet<>();
        texts.forEach(text -> words.addAll(Arrays.asList(text.strip().split("\\s+"))));
        return words;
    }
}
