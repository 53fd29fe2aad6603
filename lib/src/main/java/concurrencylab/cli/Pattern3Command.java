package concurrencylab.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import concurrencylab.workload.GlobalValue;
import concurrencylab.workload.ReadGlobalAfterSleepTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The article's pattern 3: rounds of 1, 2 and 3 tasks that sleep 0.1 s and return the global
 * value, which the submitter sets to the round's number right after submitting the round.
 * Threads share the value and print 1, 2, 2, 3, 3, 3; worker JVMs each have their own.
 */
@Command(name = "pattern3", sortOptions = false,
        description = {"Global state: tasks read a static value that changes after they were submitted.",
                "",
                "Rounds of 1, 2 and 3 tasks read the value after sleeping 0.1 s, while the submitter"
                        + " sets it to 1, 2, 3 right after submitting each round. Prints every value read,"
                        + " one per line: 1 2 2 3 3 3 with threads, which share the value."})
final class Pattern3Command implements Callable<Integer> {

    static final Duration SLEEP = Duration.ofMillis(100);

    @Spec
    private CommandSpec spec;

    @Mixin
    private ExecutorOptions executorOptions;

    @Override
    public Integer call() throws Exception {
        executorOptions.validate();
        GlobalValue.reset();
        PrintWriter out = spec.commandLine().getOut();
        try (ExecutorService pool = executorOptions.createExecutor()) {
            for (int round = 1; round <= 3; round++) {
                List<ReadGlobalAfterSleepTask> tasks = Collections.nCopies(round, new ReadGlobalAfterSleepTask(SLEEP));
                List<Future<Integer>> futures = OrderedResults.submitAll(pool, tasks);
                GlobalValue.set(round);
                OrderedResults.forEachInOrder(futures, out::println);
            }
        }
        return 0;
    }
}
