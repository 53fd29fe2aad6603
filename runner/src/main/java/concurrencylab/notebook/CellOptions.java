package concurrencylab.notebook;

import picocli.CommandLine.Option;

/**
 * How cells are executed, shared by {@code run} (which passes it on to each notebook's JVM) and
 * {@code execute} (which runs one notebook in this JVM), as a picocli mixin.
 */
final class CellOptions {

    @Option(names = "--cell-timeout", defaultValue = "10m", paramLabel = "DURATION",
            description = "Time limit of each cell, e.g. 600s, 10m, 1h (default: ${DEFAULT-VALUE}).")
    String cellTimeout;

    @Option(names = "--interrupt-grace", defaultValue = "10s", paramLabel = "DURATION",
            description = "After a timeout's interrupt, how long the cell may take to stop (default: ${DEFAULT-VALUE}).")
    String interruptGrace;

    @Option(names = "--allow-errors",
            description = "A failing cell does not stop its notebook: its error is recorded, the run goes on,"
                    + " and the summary lists the failed cells (as nbconvert's option).")
    boolean allowErrors;
}
