package concurrencylab.notebook;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code execute}: runs ONE notebook in this JVM and writes its executed copy; what each child
 * JVM of {@code run} does. The working directory should be the notebook's folder, as a kernel's
 * is. Exit code 0 when every cell passed (or, with {@code --allow-errors}, when every cell was
 * run, failed or not), 1 when a cell failed, 2 when the notebook could not be run at all.
 */
@Command(name = "execute", mixinStandardHelpOptions = true,
        description = "Executes one notebook in this JVM (each notebook of 'run' gets its own JVM running this).")
final class ExecuteCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NOTEBOOK", description = "The .ipynb file to execute.")
    Path notebook;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the executed copy.")
    Path out;

    @Mixin
    CellOptions cellOptions;

    @Override
    public Integer call() {
        PrintStream err = System.err;   // before the notebook takes over System.err
        String name = notebook.toString();
        try {
            NotebookExecution.Result result = new NotebookExecution(notebook, out,
                    Durations.parse(cellOptions.cellTimeout), Durations.parse(cellOptions.interruptGrace), cellOptions.allowErrors).run();
            for (NotebookExecution.FailedCell failed : result.failures()) {
                err.println(name + ": cell " + failed.number() + (failed.check() ? " (check cell)" : "")
                        + " failed: " + failed.error().summary());
            }
            return result.ok() || cellOptions.allowErrors ? 0 : 1;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println(name + ": cannot be run: " + e.getMessage());
            return 2;
        }
    }
}
