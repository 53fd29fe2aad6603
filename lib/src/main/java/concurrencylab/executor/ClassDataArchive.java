package concurrencylab.executor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * An application class-data archive (AppCDS) for worker JVMs, built on first use: the first
 * worker of a pool that finds no archive runs with {@code -XX:ArchiveClassesAtExit} into a
 * private temporary file, which is renamed into place once that worker has exited (an atomic
 * rename, so concurrent pools and JVMs never see half an archive); later workers start with
 * {@code -XX:SharedArchiveFile}. The archive holds the classes a worker loaded (the library's,
 * serialization's, the JDK's lambda forms), so they are mapped instead of parsed.
 *
 * <p>Only when every class path entry is a jar (the JVM refuses to archive from non-empty class
 * folders): in a notebook, whose library is a jar, yes; in the project's own tests, no. The
 * archive lives in {@code <java.io.tmpdir>/concurrency-lab-cds/}, named by a hash of the JVM
 * (home and version), the JVM options and the class path with each jar's size and
 * modification time, so a rebuilt jar or another JDK gets a new archive.
 *
 * <p>Measured by {@link PoolBenchmark} and in the pool's notes: it shortens a worker's start;
 * {@link ProcessPool.Builder#classDataSharing(boolean)} turns it off.
 *
 * <p>Immutable and thread-safe, apart from the file system.
 */
final class ClassDataArchive {
    private final Path archive;

    private ClassDataArchive(Path archive) {
        this.archive = archive;
    }

    /** The archive for these workers, or null when AppCDS cannot be used for them. */
    static ClassDataArchive forWorkers(String java, List<String> options, List<Path> classPath) {
        if (Runtime.version().feature() < 19) {
            return null;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, java);
            update(sha, System.getProperty("java.home"));
            update(sha, System.getProperty("java.vm.version"));
            for (String o : options) {
                if (o.startsWith("-XX:SharedArchiveFile") || o.startsWith("-XX:ArchiveClassesAtExit")
                        || o.startsWith("-Xshare")) {
                    return null; // the caller manages class-data sharing itself
                }
                update(sha, o);
            }
            for (Path p : classPath) {
                if (!Files.isRegularFile(p) || !p.getFileName().toString().endsWith(".jar")) {
                    return null;
                }
                update(sha, p.toString());
                update(sha, Long.toString(Files.size(p)));
                update(sha, Long.toString(Files.getLastModifiedTime(p).toMillis()));
            }
            String name = HexFormat.of().formatHex(sha.digest(), 0, 12) + ".jsa";
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "concurrency-lab-cds");
            return new ClassDataArchive(dir.resolve(name));
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            return null; // no archive is only slower
        }
    }

    private static void update(MessageDigest sha, String s) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    Path path() {
        return archive;
    }

    boolean exists() {
        return Files.isRegularFile(archive);
    }

    /** A private file for one worker to dump into, in the archive's folder; null if that folder cannot be made. */
    Path newDumpFile() {
        try {
            Files.createDirectories(archive.getParent());
            Path tmp = Files.createTempFile(archive.getParent(), "dump-", ".jsa.tmp");
            Files.delete(tmp); // the JVM creates it at exit
            return tmp;
        } catch (IOException e) {
            return null;
        }
    }

    /** Moves a finished dump into place; a missing or empty dump (the worker was killed) is dropped. */
    void install(Path dump) {
        try {
            if (Files.isRegularFile(dump) && Files.size(dump) > 0 && !exists()) {
                try {
                    Files.move(dump, archive, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(dump, archive);
                }
            }
        } catch (IOException e) {
            // another JVM installed one first, or the folder is read-only: no harm
        } finally {
            try {
                Files.deleteIfExists(dump);
            } catch (IOException ignored) {
                // left for the temp folder's cleaner
            }
        }
    }
}
