package io.envaudit.benchmarks;

import io.envaudit.listings.ListingText;
import io.envaudit.listings.Listings;
import io.envaudit.listings.ParsedListing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Reading real listings once the JVM is warm: the text split into lines, the format detected and the packages
 * read, as {@code envaudit audit LISTING} does before it audits. The largest of each kind among the real
 * listings: the 944-line Colab pip freeze, a 610-line conda list, a 2,706-line conda-lock file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ListingReadBenchmark {
    @Param({"colab-tf220-keras313-torch210-jax072-pip-freeze.txt",
        "comfyui-anaconda-torch241-cu124-win-condalist.txt",
        "yi-pytorch201-cu118-deepspeed-conda-lock.yml"})
    public String listing;

    private byte[] bytes;

    @Setup
    public void setUp() throws IOException {
        bytes = Files.readAllBytes(Path.of(System.getProperty("envaudit.listings", "listings/src/test/resources/real-envs/envs"), listing));
    }

    @Benchmark
    public ParsedListing detectAndRead() {
        return Listings.read(ListingText.of(listing, bytes), null);
    }
}
