package io.envaudit.cli;

import io.envaudit.engine.json.AvroPlainJson;
import io.envaudit.engine.text.IoFailures;
import io.envaudit.listings.ListingException;
import io.envaudit.listings.ListingFormat;
import io.envaudit.schemas.EnvironmentSnapshot;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code envaudit convert}: a listing people already have, as the snapshot JSON the rest of envaudit reads. */
@Command(name = "convert", mixinStandardHelpOptions = true, versionProvider = EnvauditVersion.class,
        description = {
            "Convert an environment listing to snapshot JSON on stdout.",
            InputFormatOption.LISTINGS,
            "Lines that name no package are reported on stderr.",
            "Exit 0 when converted, 2 on bad input."})
final class ConvertCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The listing; - reads stdin.")
    String file;

    @Mixin
    ListingOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            InputFile input = InputFile.read(file);
            if (input.isSnapshotJson()) {
                return fail(err, file + " is snapshot JSON already; convert reads listings");
            }
            InputFile.Listing listing = input.listing(options.input.format, options.lock.selection(), options.identity(input), err);
            options.lock.warnIfUnused(List.of(listing.format()), err);
            EnvironmentSnapshot snapshot = listing.snapshot();
            // written whole first: the JSON generator closes the writer it is given, and out is stdout
            StringWriter json = new StringWriter();
            AvroPlainJson.write(snapshot, json);
            out.println(json);
            out.flush();
            return 0;
        } catch (NoSuchFileException e) {
            return fail(err, "no such file: " + file);
        } catch (IOException e) {
            return fail(err, "cannot read " + file + ": " + IoFailures.describe(e));
        } catch (ListingException e) {
            return fail(err, e.getMessage());
        }
    }

    private static int fail(PrintWriter err, String message) {
        err.println("error: " + message);
        err.flush();
        return 2;
    }
}
