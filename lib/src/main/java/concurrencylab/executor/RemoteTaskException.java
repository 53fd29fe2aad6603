package concurrencylab.executor;

/**
 * An exception thrown by a task in a worker JVM that could not be re-created in the caller (its
 * class is not serializable, not loadable here, or not on the pool's allow-list). It carries the
 * remote class name, message and stack trace, like Python's remote traceback: its stack trace is
 * the worker's, and its cause is the remote cause, in the same form.
 *
 * <p>When the original exception can be re-created, the caller gets the original instead, as the
 * cause of an {@link java.util.concurrent.ExecutionException}, with the worker's stack trace.
 */
public final class RemoteTaskException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String remoteClassName;
    private final String remoteMessage;
    private final String workerName;

    RemoteTaskException(String remoteClassName, String remoteMessage, String workerName, String whyNotOriginal) {
        super(remoteClassName + (remoteMessage != null ? ": " + remoteMessage : "")
                + " (thrown in " + workerName
                + (whyNotOriginal != null ? "; the original exception could not be re-created here: " + whyNotOriginal : "")
                + ")");
        this.remoteClassName = remoteClassName;
        this.remoteMessage = remoteMessage;
        this.workerName = workerName;
    }

    /** The class name of the exception thrown in the worker. */
    public String remoteClassName() {
        return remoteClassName;
    }

    /** Its message, or null. */
    public String remoteMessage() {
        return remoteMessage;
    }

    /** The worker it was thrown in, e.g. {@code worker-2}. */
    public String workerName() {
        return workerName;
    }
}
