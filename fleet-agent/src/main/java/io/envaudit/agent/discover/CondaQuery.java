package io.envaudit.agent.discover;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.envaudit.agent.process.ProgramException;
import io.envaudit.agent.process.ProgramRun;
import io.envaudit.agent.process.ProgramSearch;
import io.envaudit.agent.read.ReadProblem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one program discovery runs: the conda on PATH (else mamba, else micromamba), asked which environments it
 * knows. It knows what no file the agent reads says: the envs in an {@code envs_dirs} a {@code .condarc} sets,
 * those of an install in no usual place. conda is asked {@code conda info --envs --json}; mamba and micromamba
 * {@code env list --json}. Each prints a JSON object whose {@code envs} lists the prefixes (conda up to 25.9
 * prints all of {@code conda info --json} around it; the rest is skipped).
 *
 * <p>The question gets what is left of the scan's time budget, at most {@value #LIMIT_SECONDS} s. No such
 * program on PATH is no problem: there is nothing to ask. One that cannot be run, does not answer in time,
 * fails or prints something else is a problem, and discovery goes on without its answer.
 */
final class CondaQuery {
    static final int LIMIT_SECONDS = 20;
    private static final Duration LIMIT = Duration.ofSeconds(LIMIT_SECONDS);
    private static final String UNANSWERED = "; environments that only conda knows of may be missing";
    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** A program and the arguments that make it print its environments as JSON. */
    private record Question(String program, List<String> arguments) {
    }

    private static final List<Question> QUESTIONS = List.of(
            new Question("conda", List.of("info", "--envs", "--json")),
            new Question("mamba", List.of("env", "list", "--json")),
            new Question("micromamba", List.of("env", "list", "--json")));

    private CondaQuery() {
    }

    /** @param environment the agent's environment variables: PATH says where the programs are */
    static List<Path> envs(Map<String, String> environment, Deadline deadline, List<ReadProblem> problems) {
        for (Question question : QUESTIONS) {
            Optional<Path> program = ProgramSearch.onPath(environment, question.program());
            if (program.isPresent()) {
                return ask(program.get(), question.arguments(), deadline, problems);
            }
        }
        return List.of();
    }

    private static List<Path> ask(Path program, List<String> arguments, Deadline deadline, List<ReadProblem> problems) {
        Duration limit = deadline.remaining().compareTo(LIMIT) < 0 ? deadline.remaining() : LIMIT;
        if (limit.isZero()) {
            return List.of(); // discovery says that the budget ran out
        }
        String asked = String.join(" ", arguments);
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(arguments);
        ProgramRun.Output output;
        try {
            output = ProgramRun.run(command, limit);
        } catch (ProgramException e) {
            problems.add(new ReadProblem(program, asked + ": " + e.getMessage() + UNANSWERED));
            return List.of();
        }
        if (output.exitCode() != 0) {
            String why = output.firstErrorLine();
            problems.add(new ReadProblem(program, asked + " exited with " + output.exitCode()
                    + (why.isEmpty() ? "" : " (" + why + ")") + UNANSWERED));
            return List.of();
        }
        try {
            return envs(output.stdout());
        } catch (IllegalArgumentException e) {
            problems.add(new ReadProblem(program, asked + " printed " + e.getMessage() + UNANSWERED));
            return List.of();
        }
    }

    /**
     * The {@code envs} of conda's JSON, each a prefix as this machine names it.
     *
     * @throws IllegalArgumentException saying what was printed instead ("no JSON (line 1, column 3: ...)")
     */
    static List<Path> envs(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("no JSON object");
            }
            List<Path> envs = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("envs") && value == JsonToken.START_ARRAY) {
                    envs = new ArrayList<>();
                    while (parser.nextToken() == JsonToken.VALUE_STRING) {
                        envs.add(prefix(parser.getText()));
                    }
                    if (parser.currentToken() != JsonToken.END_ARRAY) {
                        throw new IllegalArgumentException("an \"envs\" list holding something other than paths");
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (envs == null) {
                throw new IllegalArgumentException("JSON without an \"envs\" list");
            }
            return envs;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String at = where == null ? "" : "line " + where.getLineNr() + ", column " + where.getColumnNr() + ": ";
            throw new IllegalArgumentException("no JSON (" + at + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a parser of a string does no I/O
        }
    }

    private static Path prefix(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("an environment that is no path here: " + e.getMessage());
        }
    }
}
