package concurrencylab.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import concurrencylab.executor.EventLoop;
import concurrencylab.executor.LoopSquares;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The article's cancellation program on the event loop: {@link LoopSquares} with a semaphore of
 * 2, squares of 0 to 9 taking 1 s each, and a 3.5 s timeout.
 */
@Command(name = "cancel",
        description = {"Cancellation on the event loop: squares of 0..9, each taking 1 s, at most 2 at a time"
                + " (a semaphore), all under a 3.5 s timeout.",
                "",
                "Prints 'Calculating/Calculated/Cancelled square of N, time: T' (T: seconds on the loop's clock)"
                        + " and 'Timed out': 0-5 complete, 6-7 are cancelled while calculating, 8-9 before starting."})
final class CancelCommand implements Callable<Integer> {

    static final int PERMITS = 2;
    static final int SQUARES = 10;
    static final Duration WORK = Duration.ofSeconds(1);
    static final Duration TIMEOUT = Duration.ofMillis(3500);

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, ExecutionException {
        PrintWriter out = spec.commandLine().getOut();
        try (EventLoop loop = EventLoop.start()) {
            CompletableFuture<LoopSquares.Report> run = new LoopSquares(loop, PERMITS, WORK, out::println)
                    .run(SQUARES, TIMEOUT);
            try {
                run.get();
            } catch (InterruptedException e) {
                run.cancel(false);
                throw e;
            }
        }
        return 0;
    }
}
