package concurrencylab.cli;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import concurrencylab.executor.EventLoop;
import concurrencylab.executor.LoopPattern1;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The article's asyncio version of pattern 1 on the event loop ({@link LoopPattern1}), with
 * pattern 1's options (no {@code --executor}: there is one thread) and output.
 */
@Command(name = "async-pattern1", sortOptions = false,
        description = {"Pattern 1 on the event loop: n tasks of x^(2^y) / x^(2^y) (= 1) on one thread,"
                + " at most --max-workers holding the semaphore.",
                "",
                "Prints each result in order, then 'elapsed: S.sss sec'. The tasks never wait for anything,"
                        + " so they run one after another whatever --max-workers is."})
final class AsyncPattern1Command implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SquaringOptions squaring;

    @Option(names = "--max-workers", paramLabel = "N", defaultValue = "5",
            description = "Semaphore permits, 1 or more (default: ${DEFAULT-VALUE}).")
    private int maxWorkers;

    @Override
    public Integer call() throws Exception {
        Checks.atLeast(spec, "-n", squaring.n, 0);
        Checks.atLeast(spec, "--max-workers", maxWorkers, 1);
        LoopPattern1.check(squaring.x, squaring.y, squaring.n, maxWorkers); // x and y: IllegalArgumentException, exit code 2
        PrintWriter out = spec.commandLine().getOut();
        try (EventLoop loop = EventLoop.start()) {
            long start = System.nanoTime();
            CompletableFuture<List<BigInteger>> results = LoopPattern1.start(loop, squaring.x, squaring.y, squaring.n, maxWorkers);
            List<BigInteger> values;
            try {
                values = results.get();
            } catch (InterruptedException e) {
                // Cancel the waiting tasks; closing from an interrupted thread interrupts the one computing.
                results.cancel(false);
                Thread.currentThread().interrupt();
                throw e;
            }
            values.forEach(out::println);
            out.println(Elapsed.format(System.nanoTime() - start, 3));
        }
        return 0;
    }
}
