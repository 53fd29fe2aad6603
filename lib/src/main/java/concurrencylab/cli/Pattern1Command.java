package concurrencylab.cli;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

import concurrencylab.workload.HeapBudget;
import concurrencylab.workload.Squaring;
import concurrencylab.workload.SquaringRatioTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The article's pattern 1: {@code n} CPU-bound tasks of {@code x^(2^y) / x^(2^y)}, each
 * result printed in submission order, then the elapsed time from submission to last result.
 */
@Command(name = "pattern1", sortOptions = false,
        description = {"CPU-bound tasks: x^(2^y) computed twice and divided (the result is 1).",
                "",
                "Runs n such tasks, prints each result in submission order, then 'elapsed: S.sss sec'"
                        + " from the first submission to the last result."})
final class Pattern1Command implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SquaringOptions squaring;

    @Mixin
    private ExecutorOptions executorOptions;

    @Override
    public Integer call() throws Exception {
        Checks.atLeast(spec, "-n", squaring.n, 0);
        executorOptions.validate();
        SquaringRatioTask task = new SquaringRatioTask(squaring.x, squaring.y);
        checkTasksFitTogether(executorOptions.tasksSharingThisHeap(squaring.n));
        List<SquaringRatioTask> tasks = Collections.nCopies(squaring.n, task);
        PrintWriter out = spec.commandLine().getOut();
        executorOptions.runAndTime(tasks, out, 3);
        return 0;
    }

    /** Each task fits alone (its constructor checked); those running at once must fit together. */
    private void checkTasksFitTogether(int atOnce) {
        long each = Squaring.requiredBytes(squaring.x, squaring.y);
        long heap = HeapBudget.maxHeapBytes();
        if (atOnce > 1 && each > heap / atOnce) {
            long together = each > Long.MAX_VALUE / atOnce ? Long.MAX_VALUE : each * atOnce;
            throw new IllegalArgumentException("x=" + squaring.x + ", y=" + squaring.y + ": " + atOnce
                    + " tasks running at once need about " + HeapBudget.humanBytes(each) + " each, "
                    + HeapBudget.humanBytes(together) + " together, but this JVM's maximum heap is "
                    + HeapBudget.humanBytes(heap) + "; lower --max-workers or -n, or raise the heap with -Xmx");
        }
    }
}
