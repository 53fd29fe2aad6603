package concurrencylab.executor;

/**
 * The pause between two looks of a thread that watches for something to arrive (a frame, a
 * result) rather than block: {@code Spin.pause(i)} in the {@code i}-th turn of the loop. Mostly
 * a spin hint; every {@value #YIELD_EVERY}th turn the thread yields its processor, so that on a
 * machine with few processors a thread that has real work (a worker running a task, the pool's
 * reader) is not kept waiting for a scheduler tick by a watcher. Measured on 2 processors with
 * a warm pool of one worker: with spin hints only, the slowest trivial round trip in a hundred
 * mostly took over 200 microseconds (median about 9); yielding every 16th turn brought it to
 * about 45 to 115 at the same median.
 */
final class Spin {
    static final int YIELD_EVERY = 16;

    private Spin() {}

    static void pause(int turn) {
        if (turn % YIELD_EVERY == YIELD_EVERY - 1) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
    }
}
