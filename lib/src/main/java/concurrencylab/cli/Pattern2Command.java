package concurrencylab.cli;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

import concurrencylab.workload.PickBoxedTask;
import concurrencylab.workload.PickTask;
import concurrencylab.workload.Picking;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The article's pattern 2: the numbers {@code 0..x-1} handed to {@code n} tasks that each pick
 * element {@code y}; the work is nothing, the cost is getting the data to the task. With
 * {@code --boxed} the data is a {@code List<Integer>} instead of an {@code int[]}.
 *
 * <p>The article's own defaults ({@code x=2, y=30}) break its rule {@code x > y}; they are
 * kept, and refused with a message, as the article's program refuses them.
 */
@Command(name = "pattern2", sortOptions = false,
        description = {"Large arguments: tasks given the data 0..x-1 pick its element y.",
                "",
                "Runs n such tasks, all given the same data, prints each picked value in submission"
                        + " order, then 'elapsed: S.ssssss sec' from the first submission to the last result.",
                "Needs x > y; the defaults (the article's) do not satisfy it: pass e.g. -x 100000000."})
final class Pattern2Command implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "-x", paramLabel = "X", defaultValue = "2",
            description = "Size of the data 0..x-1, more than y (default: ${DEFAULT-VALUE}).")
    private int x;

    @Option(names = "-y", paramLabel = "Y", defaultValue = "30",
            description = "Index to pick, 0 or more and less than x (default: ${DEFAULT-VALUE}).")
    private int y;

    @Option(names = "-n", paramLabel = "N", defaultValue = "3", description = "Number of tasks, 0 or more (default: ${DEFAULT-VALUE}).")
    private int n;

    @Option(names = "--boxed",
            description = "Use a List<Integer> (an ArrayList of boxed Integers, like a Python list) instead of an int[].")
    private boolean boxed;

    @Mixin
    private ExecutorOptions executorOptions;

    @Override
    public Integer call() throws Exception {
        Checks.atLeast(spec, "-y", y, 0);
        if (x <= y) {
            throw new ParameterException(spec.commandLine(), "pattern2 needs x > y (it picks data[y] from"
                    + " data 0..x-1), got x=" + x + ", y=" + y);
        }
        Checks.atLeast(spec, "-n", n, 0);
        executorOptions.validate();
        // Built before the clock starts, as in the article: only the hand-off is timed.
        List<? extends Callable<Integer>> tasks = boxed
                ? Collections.nCopies(n, new PickBoxedTask(Picking.boxedRange(x), y))
                : Collections.nCopies(n, new PickTask(Picking.range(x), y));
        PrintWriter out = spec.commandLine().getOut();
        executorOptions.runAndTime(tasks, out, 6);
        return 0;
    }
}
