package concurrencylab.executor;

/**
 * A worker JVM could not start, or its initializer failed. The pool is then broken, as Python's
 * {@code BrokenProcessPool}: every queued task fails with this exception as the cause, and later
 * submissions are rejected, since every replacement worker would fail the same way.
 */
public final class WorkerStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WorkerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
