package concurrencylab.workload;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A task that does nothing but say which process ran it: the pid of the JVM that calls it.
 *
 * <pre>{@code
 * long pid = pool.submit(new ProcessIdTask()).get();   // a worker JVM's pid on a process pool,
 *                                                      // this JVM's own on a thread pool
 * }</pre>
 *
 * <p>Its use is to warm a process pool up before a measurement: submit one per worker, in
 * rounds, until every worker has answered (distinct pids), so that the clock then sees
 * only the tasks being measured and none of the workers' start-up. It is also the smallest
 * possible round trip to a worker and back (a few dozen bytes each way).
 *
 * <p>Serializable, stateless and thread-safe.
 */
public record ProcessIdTask() implements Callable<Long>, Serializable {

    @Override
    public Long call() {
        return ProcessHandle.current().pid();
    }
}
