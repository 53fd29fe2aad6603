package concurrencylab.executor;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The class path of worker JVMs, in this order:
 * <ol>
 *   <li>where the library's own classes were loaded from (its jar, or {@code target/classes}):
 *       inside a Jupyter kernel the library arrives through {@code %classpath}, so
 *       {@code java.class.path} does not contain it;</li>
 *   <li>entries given to {@link ProcessPool.Builder#classPath};</li>
 *   <li>the caller's {@code java.class.path} entries that exist (in Maven Surefire's default
 *       set-up this is one manifest-only jar whose {@code Class-Path} lists the rest; the worker
 *       JVM follows that manifest like the test JVM did).</li>
 * </ol>
 * A worker's class path is fixed when it starts, but a task whose class comes from a jar or
 * folder outside these (found through its {@link CodeSource}) still runs: the pool sends that
 * location to each worker before the task, and workers add it to their task class loader. A
 * class with no file location (defined in a notebook cell or JShell, or generated at run time)
 * cannot be sent; the worker then reports a {@link TaskNotLoadableException}.
 */
final class WorkerClassPath {
    private WorkerClassPath() {}

    /** Where each class was loaded from, looked up once per class: task classes come back on every submission. */
    private static final ClassValue<Path> LOCATIONS = new ClassValue<>() {
        @Override
        protected Path computeValue(Class<?> type) {
            return locationOf(type);
        }
    };

    /** {@link #locationOf}, remembered per class (a file lookup per class, not per call). */
    static Path cachedLocationOf(Class<?> type) {
        return LOCATIONS.get(type);
    }

    /** The jar or folder {@code type} was loaded from, or null (JDK classes, JShell, generated). */
    static Path locationOf(Class<?> type) {
        try {
            if (type.getProtectionDomain() == null) {
                return null;
            }
            CodeSource cs = type.getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null || !"file".equals(cs.getLocation().getProtocol())) {
                return null;
            }
            Path p = Path.of(cs.getLocation().toURI()).toAbsolutePath().normalize();
            return Files.exists(p) ? p : null;
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    /** The entries of the caller's {@code java.class.path} that exist, absolute. */
    static List<Path> callerEntries() {
        List<Path> entries = new ArrayList<>();
        String cp = System.getProperty("java.class.path", "");
        for (String e : cp.split(File.pathSeparator)) {
            if (e.isBlank()) {
                continue;
            }
            try {
                Path p = Path.of(e).toAbsolutePath().normalize();
                if (Files.exists(p)) {
                    entries.add(p);
                }
            } catch (IllegalArgumentException ignored) {
                // not a path on this file system: skip it
            }
        }
        return entries;
    }

    /** The worker class path for a pool whose builder added {@code extra}. */
    static List<Path> forWorkers(Collection<Path> extra) {
        Set<Path> all = new LinkedHashSet<>();
        Path library = locationOf(WorkerMain.class);
        if (library == null) {
            throw new IllegalStateException("cannot find where the class " + WorkerMain.class.getName()
                    + " was loaded from (its code source is not a file), so worker JVMs cannot be given the library");
        }
        all.add(library);
        for (Path p : extra) {
            all.add(p.toAbsolutePath().normalize());
        }
        all.addAll(callerEntries());
        return List.copyOf(all);
    }

    static String join(Collection<Path> entries) {
        StringBuilder sb = new StringBuilder();
        for (Path p : entries) {
            if (sb.length() > 0) {
                sb.append(File.pathSeparator);
            }
            sb.append(p);
        }
        return sb.toString();
    }
}
