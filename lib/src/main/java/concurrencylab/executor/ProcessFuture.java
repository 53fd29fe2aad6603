package concurrencylab.executor;

import java.util.concurrent.Future;

/**
 * The {@link Future} of a task submitted to a {@link ProcessPool}, with what the pool knows
 * about its trip to a worker JVM: how many bytes were sent (the task frame: the serialized task
 * and its arguments) and received (the result frame), and which worker ran it. Every future the
 * pool returns, from {@code submit} and {@code invokeAll}, is a {@code ProcessFuture}, and
 * {@link ProcessPool#submit(java.util.concurrent.Callable)} declares it, so no cast is needed:
 *
 * <pre>{@code
 * ProcessFuture<Integer> f = pool.submit(new PickBoxedTask(list, 3));
 * f.get();
 * System.out.println(f.bytesSent() + " bytes sent, " + f.bytesReceived() + " received");
 * }</pre>
 */
public interface ProcessFuture<T> extends Future<T> {
    /** Bytes of the task frame, header included; known from submission on. */
    long bytesSent();

    /** Bytes of the result or failure frame, header included; 0 until the task completed in a worker. */
    long bytesReceived();

    /** The worker the task was given to, e.g. {@code worker-2}; null while it waits in the queue. */
    String workerName();
}
