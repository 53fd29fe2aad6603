package concurrencylab.notebook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds the notebooks to run: each argument is an {@code .ipynb} file or a folder searched
 * recursively for {@code *.ipynb}, skipping Jupyter's {@code .ipynb_checkpoints} folders. The
 * result is sorted, without duplicates, as absolute normalized paths.
 */
final class NotebookDiscovery {
    static final String CHECKPOINTS = ".ipynb_checkpoints";

    private NotebookDiscovery() {
    }

    static List<Path> find(List<Path> filesOrFolders) throws IOException {
        TreeSet<Path> found = new TreeSet<>();
        for (Path given : filesOrFolders) {
            Path path = given.toAbsolutePath().normalize();
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(p -> Files.isRegularFile(p) && isNotebook(p) && !inCheckpoints(path.relativize(p)))
                            .forEach(found::add);
                }
            } else if (Files.isRegularFile(path)) {
                if (!isNotebook(path)) {
                    throw new IllegalArgumentException("not a notebook (expected a .ipynb file): " + given);
                }
                found.add(path);
            } else {
                throw new IllegalArgumentException("no such notebook or folder: " + given);
            }
        }
        return new ArrayList<>(found);
    }

    private static boolean isNotebook(Path p) {
        return p.getFileName().toString().endsWith(".ipynb");
    }

    private static boolean inCheckpoints(Path relative) {
        for (Path part : relative) {
            if (part.toString().equals(CHECKPOINTS)) {
                return true;
            }
        }
        return false;
    }
}
