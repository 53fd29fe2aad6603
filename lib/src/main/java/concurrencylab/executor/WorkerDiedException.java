package concurrencylab.executor;

/**
 * The worker JVM running a task ended before the task finished: it called {@code Runtime.halt}
 * or {@code System.exit}, ran out of memory (workers start with
 * {@code -XX:+ExitOnOutOfMemoryError}, exit status 3), was killed from outside, or was killed by
 * the pool because its task ignored an interrupt. It is the cause of the task's
 * {@link java.util.concurrent.ExecutionException}. The pool itself stays usable: the dead worker
 * is replaced on demand.
 */
public final class WorkerDiedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String workerName;
    private final long pid;
    private final int exitStatus;

    WorkerDiedException(String workerName, long pid, int exitStatus, String detail) {
        super(workerName + " (pid " + pid + ") died (exit status " + exitStatus + describe(exitStatus) + ")"
                + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.workerName = workerName;
        this.pid = pid;
        this.exitStatus = exitStatus;
    }

    private static String describe(int status) {
        if (status == 3) {
            return ", as after an OutOfMemoryError with -XX:+ExitOnOutOfMemoryError";
        }
        if (status > 128 && status < 160) {
            return ", killed by signal " + (status - 128) + (status == 137 ? " (SIGKILL)" : status == 143 ? " (SIGTERM)" : "");
        }
        return "";
    }

    public String workerName() {
        return workerName;
    }

    public long pid() {
        return pid;
    }

    /** The worker's exit status as reported by {@link Process#exitValue()}. */
    public int exitStatus() {
        return exitStatus;
    }
}
