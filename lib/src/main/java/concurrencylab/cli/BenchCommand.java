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
 * java -jar lib/target/concurrency-lab.jar bench tiny -n 1000000
 * </pre>
 */
@Command(name = "bench", description = "Benchmarks of the library against floors measured in the same run.",
        subcommands = {BenchCommand.Pool.class, BenchCommand.Tiny.class})
final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing a benchmark: pool or tiny");
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
            Checks.between(spec, "--repetitions", repetitions, 1, 100);
            Checks.between(spec, "--elements", elements, 1, 500_000_000);
            new PoolBenchmark(spec.commandLine().getOut(), repetitions).runAll(elements);
            return 0;
        }
    }

    /** {@link TinyBenchmark}: many tiny tasks on the event loop, thread pools, virtual threads and asyncio. */
    @Command(name = "tiny", sortOptions = false,
            description = {"N tiny tasks (2^(2^0) / 2^(2^0)) on the event loop, fixed pools of 1, 2 and 5 threads,"
                    + " virtual threads, and our asyncio program of the same loop where python3 is on the PATH.",
                    "Prints microseconds per task for each; the event loop's line ends with"
                            + " ratio=<asyncio time / event-loop time>."})
    static final class Tiny implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "-n", paramLabel = "N", defaultValue = "3000000",
                description = "Tasks per run (1 to 100,000,000; default: ${DEFAULT-VALUE}).")
        private int n;

        @Option(names = "--repetitions", defaultValue = "1",
                description = "Timed runs per executor after a warm-up; the median counts (1 to 20; default: ${DEFAULT-VALUE}).")
        private int repetitions;

        @Option(names = "--python-script", paramLabel = "FILE",
                description = "Our asyncio program (default: " + TinyBenchmark.SCRIPT + ", looked for in the current"
                        + " folder, its parent, and the project the jar was built in).")
        private java.nio.file.Path script;

        @Override
        public Integer call() throws Exception {
            Checks.between(spec, "-n", n, 1, 100_000_000);
            Checks.between(spec, "--repetitions", repetitions, 1, 20);
            if (script != null && !java.nio.file.Files.isRegularFile(script)) {
                throw new ParameterException(spec.commandLine(), "--python-script: no file at " + script.toAbsolutePath());
            }
            new TinyBenchmark(spec.commandLine().getOut(), n, repetitions, script).run();
            return 0;
        }
    }
}
