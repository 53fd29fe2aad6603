package concurrencylab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Python's {@code executor.map} in two steps: submit every task at once, then take the
 * results in submission order, each as soon as it is ready.
 *
 * <pre>{@code
 * List<Future<Integer>> futures = OrderedResults.submitAll(pool, tasks);
 * GlobalValue.set(1);                                  // pattern 3 acts between the two steps
 * OrderedResults.forEachInOrder(futures, out::println);
 * }</pre>
 *
 * If a task fails or the caller is interrupted, the futures not yet consumed are cancelled
 * (with interruption) so that closing the executor afterwards does not wait for work nobody
 * will read.
 */
final class OrderedResults {

    private OrderedResults() {
    }

    static <T> List<Future<T>> submitAll(ExecutorService pool, List<? extends Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        try {
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
        } catch (RuntimeException e) {
            cancelFrom(futures, 0);
            throw e;
        }
        return futures;
    }

    static <T> void forEachInOrder(List<Future<T>> futures, Consumer<? super T> action)
            throws InterruptedException, ExecutionException {
        int next = 0;
        try {
            for (; next < futures.size(); next++) {
                action.accept(futures.get(next).get());
            }
        } finally {
            cancelFrom(futures, next);
        }
    }

    private static void cancelFrom(List<? extends Future<?>> futures, int from) {
        for (int i = from; i < futures.size(); i++) {
            futures.get(i).cancel(true);
        }
    }
}
