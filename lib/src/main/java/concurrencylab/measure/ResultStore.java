package concurrencylab.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * A folder of result tables as CSV files, so that a later notebook can use what an earlier one
 * measured (notebook 07 reads the tables of 04-06) instead of measuring it again.
 *
 * <pre>{@code
 * ResultStore store = ResultStore.standard();
 * store.save("04_pattern1_heavy", summary.table());              // in notebook 04
 * Optional<Table> heavy = store.load("04_pattern1_heavy");       // in notebook 07
 * }</pre>
 *
 * <p>The standard folder is, in this order: the system property {@code concurrency.lab.results},
 * the environment variable {@code CONCURRENCY_LAB_RESULTS}, else {@code build/results} under the
 * project's root (the nearest folder above the working directory that holds {@code pom.xml} and
 * {@code notebooks/}), else {@code results} in the working directory. Results are plain CSV:
 * Tablesaw infers the column types again when it reads them.
 */
public final class ResultStore {

    public static final String PROPERTY = "concurrency.lab.results";
    public static final String ENVIRONMENT_VARIABLE = "CONCURRENCY_LAB_RESULTS";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final Path folder;

    private ResultStore(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /** The store in {@code folder}, created when the first table is saved. */
    public static ResultStore in(Path folder) {
        return new ResultStore(folder);
    }

    /** The store in the standard folder (see the class comment). */
    public static ResultStore standard() {
        return new ResultStore(standardFolder(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT_VARIABLE),
                Path.of("").toAbsolutePath()));
    }

    static Path standardFolder(String property, String environment, Path workingDirectory) {
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        if (environment != null && !environment.isBlank()) {
            return Path.of(environment);
        }
        for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("notebooks"))) {
                return dir.resolve("build").resolve("results");
            }
        }
        return workingDirectory.resolve("results");
    }

    public Path folder() {
        return folder;
    }

    /** Writes {@code table} as {@code <name>.csv}, replacing an earlier one; returns the file. */
    public Path save(String name, Table table) {
        Path file = fileOf(name);
        try {
            Files.createDirectories(folder);
            Path partial = folder.resolve("." + name + ".csv.partial");
            table.write().csv(partial.toFile());
            // A reader never sees half a file: the finished table replaces the old one at once.
            return Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save results '" + name + "' in " + folder, e);
        }
    }

    /** The table saved as {@code name}, or empty when none was saved. */
    public Optional<Table> load(String name) {
        Path file = fileOf(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(Table.read().csv(CsvReadOptions.builder(file.toFile()).tableName(name)));
    }

    private Path fileOf(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a result name is letters, digits, '_', '.' or '-', starting with a"
                    + " letter or digit; got '" + name + "'");
        }
        return folder.resolve(name + ".csv");
    }

    @Override
    public String toString() {
        return "results in " + folder;
    }
}
