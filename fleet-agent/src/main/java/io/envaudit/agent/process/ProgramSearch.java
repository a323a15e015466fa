package io.envaudit.agent.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Finds a program as a shell would: the first executable file of that name in the folders of PATH. */
public final class ProgramSearch {
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    private ProgramSearch() {
    }

    /**
     * @param environment the process's environment variables
     * @param name        the program's name; on Windows each extension of PATHEXT ({@code .EXE}, {@code .BAT}...) is tried too
     */
    public static Optional<Path> onPath(Map<String, String> environment, String name) {
        List<String> names = new ArrayList<>(List.of(name));
        if (WINDOWS) {
            for (String extension : variable(environment, "PATHEXT").orElse(".COM;.EXE;.BAT;.CMD").split(";")) {
                if (!extension.isBlank()) {
                    names.add(name + extension.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        for (String folder : variable(environment, "PATH").orElse("").split(File.pathSeparator)) {
            if (folder.isBlank()) {
                continue;
            }
            for (String candidate : names) {
                try {
                    Path program = Path.of(folder, candidate);
                    if (Files.isRegularFile(program) && Files.isExecutable(program)) {
                        return Optional.of(program);
                    }
                } catch (InvalidPathException e) {
                    break; // a PATH entry that is no path holds no program
                }
            }
        }
        return Optional.empty();
    }

    /** A variable by name; Windows spells PATH as Path, and its variable names ignore case. */
    private static Optional<String> variable(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null && WINDOWS) {
            value = environment.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        return Optional.ofNullable(value);
    }
}
