package concurrencylab.executor;

import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which classes a {@link ProcessPool} lets Java serialization create, on both sides of the
 * pipe: JDK classes ({@code java.**}), the library ({@code concurrencylab.**}), arrays of
 * primitives, the package of each submitted task, and whatever the pool's builder added with
 * {@link ProcessPool.Builder#allowClasses}. Everything else is refused before it is
 * instantiated, and the refusal names the class.
 *
 * <p>Patterns use the syntax of {@link ObjectInputFilter.Config#createFilter}: {@code pkg.Name},
 * {@code pkg.*} (the package), {@code pkg.**} (the package and its subpackages).
 *
 * <p>Immutable and thread-safe. Each {@link #newFilter()} returns a filter for one stream,
 * which remembers the first class it refused.
 */
final class AllowList {
    static final List<String> BASE = List.of("java.**", "concurrencylab.**");

    private final List<String> patterns;
    private final String encoded;
    private final ObjectInputFilter compiled;

    AllowList(Collection<String> patterns) {
        Set<String> all = new LinkedHashSet<>(BASE);
        for (String p : patterns) {
            all.add(validate(p));
        }
        this.patterns = List.copyOf(all);
        this.encoded = String.join(";", this.patterns);
        this.compiled = ObjectInputFilter.Config.createFilter(encoded + ";!*");
    }

    static String validate(String pattern) {
        if (pattern == null || pattern.isBlank() || pattern.contains(";") || pattern.startsWith("!")
                || pattern.contains("=") || pattern.contains("/")) {
            throw new IllegalArgumentException("allow-list pattern '" + pattern
                    + "' is not a class name, 'package.*' or 'package.**' (no ';', '!', '=', '/')");
        }
        return pattern.strip();
    }

    /** The patterns joined by ';', the form sent to workers. */
    String encoded() {
        return encoded;
    }

    static AllowList decode(String encoded) {
        return new AllowList(encoded.isEmpty() ? List.of() : List.of(encoded.split(";")));
    }

    /** Decodes with a cache: a worker sees the same few encodings again and again. Not thread-safe. */
    static final class Decoder {
        private final java.util.Map<String, AllowList> cache = new java.util.HashMap<>();

        AllowList decode(String encoded) {
            AllowList a = cache.get(encoded);
            if (a == null) {
                if (cache.size() > 64) {
                    cache.clear();
                }
                a = AllowList.decode(encoded);
                cache.put(encoded, a);
            }
            return a;
        }
    }

    List<String> patterns() {
        return patterns;
    }

    /** This list plus the package of {@code type} (its declaring package, for nested classes too). */
    AllowList withPackageOf(Class<?> type) {
        String pkg = type.getPackageName();
        String pattern = pkg.isEmpty() ? type.getName() : pkg + ".*";
        if (patterns.contains(pattern)) {
            return this;
        }
        List<String> more = new ArrayList<>(patterns);
        more.add(pattern);
        return new AllowList(more);
    }

    RecordingFilter newFilter() {
        return new RecordingFilter(compiled);
    }

    /** A filter for one stream; records the first class it refused for the error message. */
    static final class RecordingFilter implements ObjectInputFilter {
        private final ObjectInputFilter delegate;
        // Confined to the thread reading the stream.
        private String refused;

        RecordingFilter(ObjectInputFilter delegate) {
            this.delegate = delegate;
        }

        @Override
        public Status checkInput(FilterInfo info) {
            Class<?> c = info.serialClass();
            if (c == null) {
                return Status.UNDECIDED; // a reference or a limit check: no class to judge
            }
            Class<?> element = c;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            if (element.isPrimitive()) {
                return Status.ALLOWED;
            }
            Status s = delegate.checkInput(info);
            if (s == Status.REJECTED && refused == null) {
                refused = element.getName();
            }
            return s;
        }

        /** The first refused class name, or null. */
        String refused() {
            return refused;
        }
    }
}
