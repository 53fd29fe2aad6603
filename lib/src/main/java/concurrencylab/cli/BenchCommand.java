package concurrencylab.cli;

import java.util.concurrent.Callable;

import concurrencylab.executor.PoolBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Benchmarks of the library's own machinery, each against a floor it measures in the same run.
 *
 * <pre>
 * java -jar lib/target/concurrency-lab.jar bench pool
 * java -jar lib/target/concurrency-lab.jar bench pool --repetitions 9 --elements 10000000
 * </pre>
 */
@Command(name = "bench", description = "Benchmarks of the library against floors measured in the same run.",
        subcommands = BenchCommand.Pool.class)
final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing a benchmark: pool");
    }

    /** {@link PoolBenchmark}: start-up, round trip and array throughput of the process pool. */
    @Command(name = "pool", sortOptions = false,
            description = {"The process pool against its floors: start-up vs a hello-world JVM, the round trip"
                    + " of a trivial task vs an echo over a pipe, and sending an int[] vs raw bytes over a pipe.",
                    "Prints one line per figure, ending with ratio=<figure/floor>."})
    static final class Pool implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--repetitions", defaultValue = "5",
                description = "Timed repetitions of each figure, after a warm-up (1 to 100; default: ${DEFAULT-VALUE}).")
        private int repetitions;

        @Option(names = "--elements", defaultValue = "100000000",
                description = "Elements of the int[] sent for the throughput figure; shrunk to fit the heap"
                        + " (1 to 500,000,000; default: ${DEFAULT-VALUE}).")
        private int elements;

        @Override
        public Integer call() throws Exception {
            if (repetitions < 1 || repetitions > 100) {
                throw new ParameterException(spec.commandLine(),
                        "--repetitions must be between 1 and 100, got " + repetitions);
            }
            if (elements < 1 || elements > 500_000_000) {
                throw new ParameterException(spec.commandLine(),
                        "--elements must be between 1 and 500,000,000, got " + elements);
            }
            new PoolBenchmark(spec.commandLine().getOut(), repetitions).runAll(elements);
            return 0;
        }
    }
}
