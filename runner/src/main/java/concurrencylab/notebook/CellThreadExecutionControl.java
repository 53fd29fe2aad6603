package concurrencylab.notebook;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * JShell's in-process execution engine, run the way the JJava kernel runs cells: every snippet
 * executes on one dedicated cell thread (daemon, named {@code notebook-cell}), and the values
 * snippets produce are kept as objects (JShell itself only sees a key) so that an image can be
 * shown as an image. A cell that outlives its deadline gets its thread interrupted, like the
 * kernel's stop button, and then has a grace period to end.
 *
 * <pre>{@code
 * control.startCell(Duration.ofMinutes(10));
 * ... shell.eval(snippet) ...              // SnippetEvent.value() is a key
 * Object value = control.takeResult(key);
 * }</pre>
 *
 * <p>Thread-safety: JShell calls {@link #invoke(Method)} from the thread that evaluates (one at a
 * time); results are handed over through a concurrent map, the deadline through a volatile.
 */
final class CellThreadExecutionControl extends DirectExecutionControl {
    /** The "exception class" a timed-out snippet reports; the space keeps it apart from real classes. */
    static final String TIMEOUT_NAME = "Cell Timeout";

    private static final Object NULL = new Object();

    private final Duration interruptGrace;
    private final ExecutorService cellThread;
    private final Map<String, Object> results = new java.util.concurrent.ConcurrentHashMap<>();

    /** System.nanoTime() by which the running cell must end. */
    private volatile long deadlineNanos = Long.MAX_VALUE;
    /** What the last failed snippet threw, with its full cause chain (JShell keeps only a copy). */
    private volatile Throwable lastThrown;
    /** Whether the last timed-out snippet ended within the grace period after its interrupt. */
    private volatile boolean lastTimeoutStopped;

    CellThreadExecutionControl(SnippetLoaderDelegate loader, Duration interruptGrace) {
        super(loader);
        this.interruptGrace = interruptGrace;
        this.cellThread = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "notebook-cell");
            thread.setDaemon(true);   // a cell stuck past its interrupt must not keep the JVM alive
            thread.setContextClassLoader(loader.classLoader());
            return thread;
        });
    }

    /** A provider that hands this instance to {@code JShell.builder().executionEngine(...)}. */
    ExecutionControlProvider provider() {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "notebook-cell-thread";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return CellThreadExecutionControl.this;
            }
        };
    }

    /** Starts the clock of a cell. */
    void startCell(Duration timeout) {
        long now = System.nanoTime();
        long nanos = timeout.toNanos();
        deadlineNanos = nanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + nanos;
        lastThrown = null;
    }

    /** The value a snippet produced, by the key JShell reported as its value. */
    Object takeResult(String key) {
        Object value = results.remove(key);
        return value == NULL ? null : value;
    }

    boolean hasResult(String key) {
        return results.containsKey(key);
    }

    Throwable lastThrown() {
        return lastThrown;
    }

    boolean lastTimeoutStopped() {
        return lastTimeoutStopped;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        Future<Object> running = cellThread.submit(() -> {
            try {
                return doitMethod.invoke(null);
            } finally {
                ended.countDown();
            }
        });
        Object value;
        try {
            long remaining = deadlineNanos - System.nanoTime();
            value = running.get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);   // Thread.interrupt of the cell thread, as the kernel's stop button
            lastTimeoutStopped = ended.await(interruptGrace.toNanos(), TimeUnit.NANOSECONDS);
            throw new UserException("the cell ran out of time", TIMEOUT_NAME, new StackTraceElement[0]);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvocationTargetException ite) {
                lastThrown = ite.getCause();
                throw ite;   // DirectExecutionControl turns it into JShell's EvalException
            }
            lastThrown = cause;
            throw new InvocationTargetException(cause);
        }
        String key = UUID.randomUUID().toString();
        results.put(key, value == null ? NULL : value);
        return key;
    }

    @Override
    public void stop() {
        cellThread.shutdownNow();
    }

    @Override
    public void close() {
        cellThread.shutdownNow();
        super.close();
    }
}
