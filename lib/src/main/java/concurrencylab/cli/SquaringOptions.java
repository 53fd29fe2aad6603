package concurrencylab.cli;

import picocli.CommandLine.Option;

/**
 * The article's pattern-1 flags, shared by {@code pattern1} and {@code async-pattern1} as a
 * picocli mixin: {@code -x} the base, {@code -y} the number of squarings, {@code -n} the number
 * of tasks. Values are checked where they are used (the workload refuses what cannot fit).
 */
final class SquaringOptions {

    @Option(names = "-x", paramLabel = "X", defaultValue = "2", description = "Base, 1 or more (default: ${DEFAULT-VALUE}).")
    long x;

    @Option(names = "-y", paramLabel = "Y", defaultValue = "30",
            description = "Number of squarings, 0 or more, limited by the heap (default: ${DEFAULT-VALUE}).")
    int y;

    @Option(names = "-n", paramLabel = "N", defaultValue = "3", description = "Number of tasks, 0 or more (default: ${DEFAULT-VALUE}).")
    int n;
}
