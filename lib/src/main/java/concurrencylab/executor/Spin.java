package concurrencylab.executor;

/**
 * How the process pool's threads watch for something to arrive (a frame, a result) rather than
 * block: whether at all ({@link #WORTH_WATCHING}), for how long ({@link #WATCH_NANOS}), and the
 * pause between two looks, {@code Spin.pause(i)} in the {@code i}-th turn of the loop. Mostly
 * a spin hint; every {@value #YIELD_EVERY}th turn the thread yields its processor, so that on a
 * machine with few processors a thread that has real work (a worker running a task, the pool's
 * reader) is not kept waiting for a scheduler tick by a watcher. Measured on 2 processors with
 * a warm pool of one worker: with spin hints only, the slowest trivial round trip in a hundred
 * mostly took over 200 microseconds (median about 9); yielding every 16th turn brought it to
 * about 45 to 115 at the same median.
 */
final class Spin {
    static final int YIELD_EVERY = 16;
    /**
     * How long a thread watches before it blocks: a thread in {@code get} for its result
     * ({@link RemoteTask}), a worker for its next task ({@link WorkerMain}).
     */
    static final long WATCH_NANOS = 100_000;
    /**
     * Whether to watch at all: only with more than one processor, where the other side can run
     * meanwhile; on one, a watcher would only hold up the thread it waits for.
     */
    static final boolean WORTH_WATCHING = Runtime.getRuntime().availableProcessors() > 1;

    private Spin() {}

    static void pause(int turn) {
        if (turn % YIELD_EVERY == YIELD_EVERY - 1) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
    }
}
