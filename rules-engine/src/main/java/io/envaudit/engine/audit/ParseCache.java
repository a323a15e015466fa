package io.envaudit.engine.audit;

import io.envaudit.engine.conda.MatchSpec;
import io.envaudit.engine.pep508.Requirement;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Parsed forms of the texts snapshots repeat: the same few thousand {@code depends} and
 * {@code Requires-Dist} strings recur across every environment of a fleet, so each is parsed once.
 * A text that does not parse keeps its exception, thrown again on each use. Bounded: past its
 * capacity the cache starts over, which costs re-parsing, never memory.
 */
public final class ParseCache<T> {
    /** conda {@code depends} and {@code constrains} entries. */
    public static final ParseCache<MatchSpec> MATCH_SPECS = new ParseCache<>(1 << 16, MatchSpec::parse);
    /** pip {@code Requires-Dist} entries. */
    public static final ParseCache<Requirement> REQUIREMENTS = new ParseCache<>(1 << 16, Requirement::parse);

    private final int capacity;
    private final Function<String, T> parser;
    private final ConcurrentHashMap<String, Object> entries = new ConcurrentHashMap<>();

    private ParseCache(int capacity, Function<String, T> parser) {
        this.capacity = capacity;
        this.parser = parser;
    }

    @SuppressWarnings("unchecked")
    public T get(String text) {
        Object entry = entries.get(text);
        if (entry == null) {
            try {
                entry = parser.apply(text);
            } catch (IllegalArgumentException e) {
                entry = e;
            }
            if (entries.size() >= capacity) {
                entries.clear();
            }
            entries.put(text, entry);
        }
        if (entry instanceof IllegalArgumentException e) {
            throw e;
        }
        return (T) entry;
    }
}
