package concurrencylab.workload;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Pattern 2 without sending the data: the task carries only the name of a file written by
 * {@link MappedInts}, and picks element {@code y} by mapping that file in whatever JVM runs it.
 * Sent to a process pool it costs a few hundred bytes whatever the size of the data, the Java
 * counterpart of a forked Python worker reading a global it inherited.
 *
 * <pre>{@code
 * Path file = MappedInts.writeRange(folder.resolve("numbers.ints"), 100_000_000);
 * ProcessFuture<Integer> f = pool.submit(new PickMappedTask(file, 30));
 * f.get();           // 30
 * f.bytesSent();     // a few hundred bytes, not 400 MB
 * }</pre>
 *
 * <p>The file is named by an absolute path string, since {@link Path} is not serializable; the
 * worker must see the same file system (worker JVMs run on the same machine). The
 * {@link #PickMappedTask(Path, int) Path constructor} checks, in the submitting JVM, that the
 * file exists and that {@code y} is an index of it; the canonical constructor, which also runs
 * when a worker deserializes the task, checks only what needs no I/O.
 *
 * @param file the absolute path of a file of ints written by {@link MappedInts}
 * @param y the index to pick, {@code 0 <= y <} the file's number of ints
 */
public record PickMappedTask(String file, int y) implements Callable<Integer>, Serializable {

    /** @throws IllegalArgumentException if {@code file} is null or blank or {@code y} is negative */
    public PickMappedTask {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("file must be a path, got '" + file + "'");
        }
        if (y < 0) {
            throw new IllegalArgumentException("y must be at least 0, got " + y);
        }
    }

    /**
     * A task for {@code file}, named by its absolute path.
     *
     * @throws IllegalArgumentException if the file does not exist, is not a file of ints, or
     *         {@code y} is not an index of it
     */
    public PickMappedTask(Path file, int y) {
        this(checked(file, y), y);
    }

    private static String checked(Path file, int y) {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no file of ints at " + file.toAbsolutePath()
                    + " (write one with MappedInts.write or writeRange)");
        }
        try {
            Picking.checkIndex(MappedInts.size(file), y);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the size of " + file.toAbsolutePath() + ": " + e, e);
        }
        return file.toAbsolutePath().toString();
    }

    /** The file as a path. */
    public Path path() {
        return Path.of(file);
    }

    /** Maps the file and returns its int at {@code y}. */
    @Override
    public Integer call() throws IOException {
        return MappedInts.pick(Path.of(file), y);
    }
}
