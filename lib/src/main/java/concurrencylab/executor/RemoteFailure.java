package concurrencylab.executor;

import java.io.IOException;
import java.io.Serializable;

/**
 * What a worker sends back when a task throws: the exception's class name, message and stack
 * trace (and those of its causes), plus the exception itself in serialized form when it could
 * be serialized. The parent re-creates the original exception when its class is allowed and
 * loadable there, and a {@link RemoteTaskException} carrying the same facts otherwise.
 */
record RemoteFailure(String className, String message, StackTraceElement[] stackTrace, RemoteFailure cause,
                     byte[] serialized) implements Serializable {
    private static final int MAX_CAUSES = 16;

    static RemoteFailure of(Throwable t) {
        return of(t, 0, true);
    }

    private static RemoteFailure of(Throwable t, int depth, boolean withSerialized) {
        RemoteFailure cause = t.getCause() != null && t.getCause() != t && depth < MAX_CAUSES
                ? of(t.getCause(), depth + 1, false) : null;
        byte[] bytes = null;
        if (withSerialized) {
            try {
                bytes = SerialCodec.serialize(t).toByteArray();
            } catch (IOException | RuntimeException e) {
                bytes = null; // a field of the exception is not serializable: the facts will do
            }
        }
        return new RemoteFailure(t.getClass().getName(), t.getMessage(), t.getStackTrace(), cause, bytes);
    }

    /**
     * The exception to hand to the caller: the original one when it can be re-created with
     * {@code loader} under {@code allow}, otherwise a {@link RemoteTaskException}.
     */
    Throwable toThrowable(String workerName, ClassLoader loader, AllowList allow) {
        if (serialized != null) {
            try {
                Object o = SerialCodec.deserialize(serialized, 0, serialized.length, loader, allow);
                if (o instanceof Throwable t) {
                    return t;
                }
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                return toRemoteTaskException(workerName, e.toString());
            }
        }
        return toRemoteTaskException(workerName, "it is not serializable");
    }

    RemoteTaskException toRemoteTaskException(String workerName, String whyNotOriginal) {
        RemoteTaskException e = new RemoteTaskException(className, message, workerName, whyNotOriginal);
        e.setStackTrace(stackTrace);
        if (cause != null) {
            e.initCause(cause.toRemoteTaskException(workerName, null));
        }
        return e;
    }
}
