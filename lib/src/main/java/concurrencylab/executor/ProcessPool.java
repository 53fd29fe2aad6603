package concurrencylab.executor;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * An {@link ExecutorService} whose tasks run in worker JVMs: the process pool Java lacks, with
 * the semantics of Python's {@code concurrent.futures.ProcessPoolExecutor}.
 *
 * <pre>{@code
 * try (ProcessPool pool = ProcessPool.newPool(3)) {           // at most 3 worker JVMs
 *     List<Future<BigInteger>> results = pool.invokeAll(List.of(new Square(2, 30), new Square(2, 30)));
 *     for (Future<BigInteger> f : results) System.out.println(f.get().bitLength());
 * }                                                          // waits for the tasks, then the workers exit
 * }</pre>
 *
 * <h2>Tasks</h2>
 * A task is a {@link Callable} or {@link Runnable} that is also {@link Serializable}: a class
 * (or record) on the workers' class path, or a lambda cast to an intersection type,
 * {@code (Callable<Integer> & Serializable) () -> 42}, whose enclosing class is on it. The task,
 * with its fields (its arguments), is serialized in the submitting thread: a task that cannot be
 * serialized fails right there with an {@link IllegalArgumentException} naming the class. The
 * result travels back the same way. Classes defined in a notebook cell or JShell snippet live
 * only in the caller's JVM and fail in the worker with a {@link TaskNotLoadableException}: put
 * tasks in a compiled jar. See {@link WorkerClassPath} for how workers find classes, and
 * {@link AllowList} for which classes serialization may create ({@link Builder#allowClasses}).
 *
 * <h2>Workers</h2>
 * At most {@link Builder#maxWorkers} worker JVMs (default: the number of processors). A worker
 * starts when a task arrives and no worker is idle, or all at once with
 * {@link Builder#startEagerly}; idle workers are reused. Each worker runs one task at a time.
 * {@link Builder#maxTasksPerWorker} replaces a worker after that many tasks;
 * {@link Builder#initializer} runs once in each worker before its first task (static state it
 * sets stays for that worker's later tasks). Every worker is a fresh JVM: it sees the initial
 * values of static fields, never the caller's current ones (there is no {@code fork} in Java).
 * What tasks print goes to the caller's {@code System.out}/{@code System.err} (or the streams
 * given to the builder), each line prefixed with the worker's name: {@code [worker-2] hello}.
 *
 * <h2>Failures</h2>
 * <ul>
 *   <li>A task that throws: {@link Future#get()} throws an {@link ExecutionException} whose cause
 *       is the original exception with the worker's stack trace, or a
 *       {@link RemoteTaskException} with the same facts when the original cannot be re-created.</li>
 *   <li>A worker that dies (out of memory, {@code Runtime.halt}, killed): its task fails with a
 *       {@link WorkerDiedException} naming the exit status; the pool stays usable and starts a
 *       new worker when one is needed (unlike Python, which marks the whole pool broken).</li>
 *   <li>A worker that cannot start, or whose initializer throws: the pool is broken, since every
 *       replacement would fail alike; queued tasks fail with a {@link WorkerStartException},
 *       later submissions are rejected.</li>
 * </ul>
 *
 * <h2>Cancellation and shutdown</h2>
 * {@code cancel(true)} on a running task, {@link #invokeAll(Collection, long, TimeUnit)} at its
 * timeout and {@link #shutdownNow()} interrupt the task's thread in the worker; a task that has
 * not stopped after the {@linkplain Builder#interruptGrace grace period} (default 5 s) is killed
 * with its worker, which is replaced. {@link #shutdown()} lets queued tasks finish, then retires
 * the workers; {@link #close()} is {@code shutdown()} plus waiting until every worker JVM has
 * exited, and turns into {@code shutdownNow()} if the waiting thread is interrupted (a notebook's
 * stop button). Workers exit when their standard input closes, so they also go when the caller's
 * JVM exits or is killed without closing the pool.
 *
 * <h2>Waiting</h2>
 * On a machine with more than one processor, a thread in {@code get} watches for the result for
 * up to 100 microseconds before it parks, reading it from the worker's pipe itself when it comes
 * in time, and a worker watches its input as long after each task; small tasks then make their
 * round trip without waking a blocked thread (see {@link FrameReader}; {@link PoolBenchmark}
 * measures the trip). Both use a processor while they watch. An interrupt ends the watch at once.
 *
 * <h2>Measuring</h2>
 * Every future is a {@link ProcessFuture} with the bytes of its task and result frames;
 * {@link #bytesSent()} and {@link #bytesReceived()} are the pool's totals.
 *
 * <p>Thread-safe. All mutable state of the pool is guarded by {@code lock}; a worker's threads
 * (and a thread in {@code get} that reads a result itself) report to the pool through the
 * package-private callbacks below, which take the lock.
 */
public final class ProcessPool implements ExecutorService {
    private static final int RUNNING = 0, SHUTDOWN = 1, STOP = 2, TERMINATED = 3;

    /** Kills workers whose task ignored an interrupt; shared by all pools, one daemon thread. */
    private static final ScheduledExecutorService TIMER = newTimer();

    private static final AtomicLong TASK_IDS = new AtomicLong();

    private final int maxWorkers;
    private final boolean eager;
    private final int maxTasksPerWorker;
    private final Duration interruptGrace;
    private final byte[] initializerPayload; // empty: no initializer
    private final AllowList allowList;
    private final WorkerLauncher launcher;
    private final Supplier<PrintStream> outTarget;
    private final Supplier<PrintStream> errTarget;
    /** Allow-lists per task package, so the filter pattern is compiled once per package. */
    private final java.util.concurrent.ConcurrentHashMap<String, AllowList> allowByPackage =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition terminated = lock.newCondition();
    // Everything below: guarded by lock.
    private int runState = RUNNING;
    private WorkerStartException broken;
    private final ArrayDeque<RemoteTask<?>> queue = new ArrayDeque<>();
    private final List<Worker> workers = new ArrayList<>();
    private final ArrayDeque<Worker> idle = new ArrayDeque<>();
    private int starting;
    private int workersStarted;
    /** Class path entries sent to workers after start, in order; each worker knows how many it got. */
    private final List<String> addedClassPath = new ArrayList<>();
    private final Set<Path> knownClassPath = java.util.concurrent.ConcurrentHashMap.newKeySet(); // written under lock

    private ProcessPool(Builder b) {
        this.maxWorkers = b.maxWorkers;
        this.eager = b.eager;
        this.maxTasksPerWorker = b.maxTasksPerWorker;
        this.interruptGrace = b.interruptGrace;
        this.allowList = new AllowList(b.allowPatterns);
        this.outTarget = b.stdout != null ? () -> b.stdout : () -> System.out;
        this.errTarget = b.stderr != null ? () -> b.stderr : () -> System.err;
        List<String> options = new ArrayList<>(b.jvmOptions);
        if (b.maxHeap != null) {
            options.add("-Xmx" + b.maxHeap);
        }
        this.launcher = new WorkerLauncher(options, WorkerClassPath.forWorkers(b.classPath), b.classDataSharing);
        this.knownClassPath.addAll(launcher.classPath());
        this.initializerPayload = b.initializer == null ? new byte[0] : serializeInitializer(b.initializer);
        if (eager) {
            lock.lock();
            try {
                for (int i = 0; i < maxWorkers; i++) {
                    startWorkerLocked();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** A pool of at most {@code availableProcessors()} workers, started on demand. */
    public static ProcessPool newPool() {
        return builder().build();
    }

    /** A pool of at most {@code maxWorkers} workers, started on demand. */
    public static ProcessPool newPool(int maxWorkers) {
        return builder().maxWorkers(maxWorkers).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- submission

    @Override
    public <T> ProcessFuture<T> submit(Callable<T> task) {
        return enqueue(prepare(task, false, null));
    }

    @Override
    public ProcessFuture<?> submit(Runnable task) {
        return enqueue(prepare(task, true, null));
    }

    @Override
    public <T> ProcessFuture<T> submit(Runnable task, T result) {
        return enqueue(prepare(task, true, result));
    }

    /**
     * Submits {@code command}; as the caller gets no future, a failure of the task is printed to
     * the pool's standard error, with the worker's stack trace.
     */
    @Override
    public void execute(Runnable command) {
        RemoteTask<Object> t = prepare(command, true, null);
        t.whenFailed(e -> {
            PrintStream err = errTarget.get();
            err.println("[process-pool] " + t + ":");
            e.printStackTrace(err);
        });
        enqueue(t);
    }

    private <T> RemoteTask<T> prepare(Object task, boolean fixedResult, T result) {
        Objects.requireNonNull(task, "task");
        Class<?> type = task.getClass();
        if (!(task instanceof Serializable)) {
            throw new IllegalArgumentException("task of " + type
                    + " is not Serializable: a process pool sends its tasks to other JVMs. Make the class implement"
                    + " Serializable, or cast a lambda to an intersection type: (Callable<T> & Serializable) () -> ...");
        }
        AllowList allow = allowByPackage.computeIfAbsent(type.getPackageName(), p -> allowList.withPackageOf(type));
        SerialCodec.Encoded payload;
        try {
            payload = SerialCodec.encode(task, out -> out.writeUTF(allow.encoded()));
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("task of " + type + " cannot be serialized: it holds an object of class "
                    + e.getMessage() + ", which is not Serializable (mark the field transient, or make the class"
                    + " Serializable)", e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("task of " + type + " cannot be serialized: " + e, e);
        }
        rememberLocation(WorkerClassPath.cachedLocationOf(type));
        ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader() : ProcessPool.class.getClassLoader();
        return new RemoteTask<>(TASK_IDS.incrementAndGet(), task, fixedResult, result, payload, allow, loader, this);
    }

    /** Adds the jar or folder of a task's class to what workers are sent, once (null: nothing to add). */
    private void rememberLocation(Path location) {
        if (location == null || knownClassPath.contains(location)) {
            return;
        }
        lock.lock();
        try {
            if (knownClassPath.add(location)) {
                addedClassPath.add(location.toString());
            }
        } finally {
            lock.unlock();
        }
    }

    private <T> ProcessFuture<T> enqueue(RemoteTask<T> t) {
        lock.lock();
        try {
            if (broken != null) {
                throw new RejectedExecutionException("the process pool is broken: " + broken.getMessage(), broken);
            }
            if (runState != RUNNING) {
                throw new RejectedExecutionException("the process pool is shut down; " + t + " was not accepted");
            }
            queue.addLast(t);
            dispatchLocked();
        } finally {
            lock.unlock();
        }
        return t;
    }

    private void dispatchLocked() {
        while (!queue.isEmpty()) {
            RemoteTask<?> t = queue.peekFirst();
            if (t.isDone()) {
                queue.pollFirst();
                continue;
            }
            Worker w = idle.pollFirst();
            if (w == null) {
                break;
            }
            queue.pollFirst();
            assignLocked(w, t);
        }
        while (runState < STOP && broken == null && queue.size() > starting && workers.size() < maxWorkers) {
            startWorkerLocked();
        }
    }

    private void assignLocked(Worker w, RemoteTask<?> t) {
        w.state = Worker.State.BUSY;
        w.current = t;
        t.assigned(w);
        sendClassPathLocked(w);
        SerialCodec.Encoded payload = t.payload;
        t.payload = null; // the writer holds the only reference until the frame is written
        w.send(Frames.TASK, t.id, payload);
        bytesSent.addAndGet(t.bytesSent());
    }

    private void sendClassPathLocked(Worker w) {
        while (w.classPathSent < addedClassPath.size()) {
            w.send(Frames.CLASSPATH, 0, addedClassPath.get(w.classPathSent++).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void startWorkerLocked() {
        WorkerLauncher.Launch launch = launcher.launch("worker-" + (workersStarted + 1));
        Worker w = new Worker(++workersStarted, this, launch.command(), outTarget, errTarget);
        w.dumpFile = launch.dumpFile();
        workers.add(w);
        starting++;
        sendClassPathLocked(w);
        w.send(Frames.INIT, 0, initializerPayload);
        w.start();
    }

    private void retireLocked(Worker w) {
        if (w.state != Worker.State.RETIRING) {
            w.state = Worker.State.RETIRING;
            idle.remove(w);
            w.closeInput();
        }
    }

    private void checkTerminationLocked() {
        if (runState == RUNNING || runState == TERMINATED) {
            return;
        }
        if (queue.isEmpty()) {
            for (Worker w : new ArrayList<>(idle)) {
                retireLocked(w);
            }
            if (workers.isEmpty()) {
                runState = TERMINATED;
                terminated.signalAll();
            }
        }
    }

    // ---------------------------------------------------------------- callbacks from workers

    void frameReceived(Worker w, Frames.Frame f) {
        switch (f.type()) {
            case Frames.READY -> ready(w);
            case Frames.RESULT, Frames.VALUE, Frames.FAILURE -> taskFinished(w, f);
            case Frames.INIT_FAILED -> initializerFailed(w, f);
            default -> throw new IllegalStateException(w + " sent an unknown frame type " + f.type());
        }
    }

    private void ready(Worker w) {
        lock.lock();
        try {
            if (w.state == Worker.State.STARTING) {
                starting--;
                w.state = Worker.State.IDLE;
                idle.addLast(w);
            }
            if (runState >= STOP) {
                retireLocked(w);
            }
            dispatchLocked();
            checkTerminationLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A result or failure frame: the worker is made idle (and given the next queued task) before
     * the future completes, so that a thread woken by the completion, which often submits again
     * at once, finds the lock free and the worker idle.
     */
    private void taskFinished(Worker w, Frames.Frame f) {
        RemoteTask<?> t;
        lock.lock();
        try {
            t = w.current;
            if (t == null || t.id != f.taskId()) {
                throw new IllegalStateException(w + " answered task " + f.taskId() + " but runs " + t);
            }
            w.current = null;
            w.tasksDone++;
            if (w.state == Worker.State.BUSY && w.killReason == null) {
                if (maxTasksPerWorker > 0 && w.tasksDone >= maxTasksPerWorker) {
                    retireLocked(w);
                    if (eager && runState == RUNNING) {
                        startWorkerLocked();
                    }
                } else {
                    w.state = Worker.State.IDLE;
                    idle.addLast(w);
                }
            }
            dispatchLocked();
            checkTerminationLocked();
        } finally {
            lock.unlock();
        }
        long frameBytes = Frames.HEADER_BYTES + (long) f.length();
        bytesReceived.addAndGet(frameBytes);
        if (t.isDone()) {
            return; // a cancelled task's result is dropped unread
        }
        byte[] p = f.payload();
        if (f.type() == Frames.VALUE) {
            try {
                t.succeed(SmallValue.decode(p), frameBytes);
            } catch (IOException e) {
                t.fail(e, frameBytes);
            }
        } else if (f.type() == Frames.RESULT) {
            try {
                Object v = SerialCodec.deserialize(p, 0, p.length, t.loader, t.allow, f.arrays());
                t.succeed(v, frameBytes);
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                t.fail(e, frameBytes);
            }
        } else {
            try {
                t.fail(decodeFailure(p).toThrowable(w.name, t.loader, t.allow), frameBytes);
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                t.fail(e, frameBytes);
            }
        }
    }

    /** A worker's failure report: the library's own class, read with the pool's base allow-list. */
    private RemoteFailure decodeFailure(byte[] payload) throws IOException, ClassNotFoundException {
        return (RemoteFailure) SerialCodec.deserialize(payload, 0, payload.length, ProcessPool.class.getClassLoader(), allowList);
    }

    private void initializerFailed(Worker w, Frames.Frame f) {
        Throwable cause;
        try {
            cause = decodeFailure(f.payload()).toThrowable(w.name, ProcessPool.class.getClassLoader(), allowList);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            cause = e;
        }
        markBroken(new WorkerStartException("the initializer failed in " + w.name + ": " + cause, cause));
    }

    private void markBroken(WorkerStartException e) {
        List<RemoteTask<?>> failed;
        lock.lock();
        try {
            if (broken != null) {
                return;
            }
            broken = e;
            failed = new ArrayList<>(queue);
            queue.clear();
            if (runState == RUNNING) {
                runState = SHUTDOWN;
            }
            checkTerminationLocked();
        } finally {
            lock.unlock();
        }
        for (RemoteTask<?> t : failed) {
            t.fail(e, 0);
        }
    }

    /** Called once per worker, by its reader thread, after the process ended (or failed to start). */
    void workerEnded(Worker w, int exitStatus, String problem) {
        if (w.dumpFile != null) {
            launcher.dumped(w.dumpFile);
        }
        RemoteTask<?> t;
        boolean neverReady;
        String detail;
        lock.lock();
        try {
            workers.remove(w);
            idle.remove(w);
            neverReady = w.state == Worker.State.STARTING;
            if (neverReady) {
                starting--;
            }
            t = w.current;
            w.current = null;
            detail = describeDeath(w, problem);
        } finally {
            lock.unlock();
        }
        if (neverReady && w.killReason == null) {
            markBroken(new WorkerStartException(w.name + " did not start (exit status " + exitStatus + ")"
                    + (detail.isEmpty() ? "" : ": " + detail) + "; command: " + launcher.command(w.name), null));
        }
        if (t != null && !t.isDone()) {
            t.fail(new WorkerDiedException(w.name, w.pid(), exitStatus, detail), 0);
        }
        lock.lock();
        try {
            if (eager && runState == RUNNING && broken == null && workers.size() < maxWorkers) {
                startWorkerLocked();
            }
            dispatchLocked();
            checkTerminationLocked();
        } finally {
            lock.unlock();
        }
    }

    private static String describeDeath(Worker w, String problem) {
        List<String> parts = new ArrayList<>();
        if (w.killReason != null) {
            parts.add(w.killReason);
        }
        if (problem != null) {
            parts.add(problem);
        }
        String tail = w.stderrTail();
        if (!tail.isEmpty()) {
            parts.add("its last lines on standard error: " + tail);
        }
        return String.join("; ", parts);
    }

    // ---------------------------------------------------------------- cancellation

    void cancelled(RemoteTask<?> t, boolean mayInterrupt) {
        lock.lock();
        try {
            if (queue.remove(t)) {
                return;
            }
            Worker w = t.worker();
            if (mayInterrupt && w != null && w.current == t) {
                interruptLocked(w, t, "cancel(true)");
            }
        } finally {
            lock.unlock();
        }
    }

    private void interruptLocked(Worker w, RemoteTask<?> t, String why) {
        w.send(Frames.INTERRUPT, t.id, new byte[0]);
        TIMER.schedule(() -> killIfStillRunning(w, t, why), interruptGrace.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void killIfStillRunning(Worker w, RemoteTask<?> t, String why) {
        lock.lock();
        try {
            if (w.current == t && w.killReason == null) {
                w.killReason = "killed by the pool, since its task did not stop within " + interruptGrace
                        + " of an interrupt (" + why + ")";
                w.kill();
            }
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- shutdown

    @Override
    public void shutdown() {
        lock.lock();
        try {
            if (runState == RUNNING) {
                runState = SHUTDOWN;
            }
            checkTerminationLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops everything: queued tasks are returned (as {@link ProcessFuture}s that are also
     * {@code Runnable}s, not cancelled, as in {@code ThreadPoolExecutor}), running tasks are
     * interrupted in their workers and killed with them after the grace period, idle workers
     * retire, workers still starting are killed.
     */
    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> never = new ArrayList<>();
        lock.lock();
        try {
            if (runState < STOP) {
                runState = STOP;
            }
            for (RemoteTask<?> t : queue) {
                if (!t.isDone()) {
                    never.add(t);
                }
            }
            queue.clear();
            for (Worker w : workers) {
                if (w.state == Worker.State.BUSY && w.current != null) {
                    interruptLocked(w, w.current, "shutdownNow");
                } else if (w.state == Worker.State.STARTING) {
                    w.killReason = "killed by shutdownNow while starting";
                    w.kill();
                }
            }
            checkTerminationLocked();
        } finally {
            lock.unlock();
        }
        return never;
    }

    @Override
    public boolean isShutdown() {
        lock.lock();
        try {
            return runState >= SHUTDOWN;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isTerminated() {
        lock.lock();
        try {
            return runState == TERMINATED;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every task has finished and every worker JVM has exited. */
    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (runState != TERMINATED) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = terminated.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@link #shutdown()}, then waits until the queued and running tasks have finished and every
     * worker JVM has exited. If the waiting thread is interrupted, {@link #shutdownNow()} stops
     * the work (workers are interrupted, and killed after the grace period), the wait goes on
     * until the workers are gone, and the thread's interrupt status is restored.
     */
    @Override
    public void close() {
        boolean interrupted = false;
        shutdown();
        while (true) {
            try {
                if (awaitTermination(1, TimeUnit.DAYS)) {
                    break;
                }
            } catch (InterruptedException e) {
                if (!interrupted) {
                    shutdownNow();
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- bulk operations

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        List<Future<T>> futures = submitAll(tasks);
        try {
            for (Future<T> f : futures) {
                awaitDone(f);
            }
            return futures;
        } catch (InterruptedException e) {
            cancelAll(futures);
            throw e;
        }
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        List<Future<T>> futures = submitAll(tasks);
        try {
            for (Future<T> f : futures) {
                try {
                    f.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (ExecutionException | CancellationException ignored) {
                    // reported by the future itself
                } catch (TimeoutException e) {
                    cancelAll(futures);
                    break;
                }
            }
            return futures;
        } catch (InterruptedException e) {
            cancelAll(futures);
            throw e;
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return doInvokeAny(tasks, Long.MAX_VALUE);
        } catch (TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return doInvokeAny(tasks, unit.toNanos(timeout));
    }

    private <T> T doInvokeAny(Collection<? extends Callable<T>> tasks, long nanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("invokeAny needs at least one task; the collection is empty");
        }
        long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + nanos;
        LinkedBlockingQueue<RemoteTask<T>> done = new LinkedBlockingQueue<>();
        List<RemoteTask<T>> futures = new ArrayList<>();
        try {
            for (Callable<T> c : tasks) {
                RemoteTask<T> t = prepare(c, false, null);
                t.whenDone(() -> done.add(t));
                futures.add(t);
                enqueue(t);
            }
            ExecutionException last = null;
            for (int remaining = futures.size(); remaining > 0; remaining--) {
                RemoteTask<T> t = deadline == Long.MAX_VALUE ? done.take()
                        : done.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (t == null) {
                    throw new TimeoutException("no task of invokeAny completed within " + Duration.ofNanos(nanos));
                }
                try {
                    return t.get();
                } catch (ExecutionException e) {
                    last = e;
                } catch (CancellationException e) {
                    last = new ExecutionException("a task was cancelled", e);
                }
            }
            throw last;
        } finally {
            cancelAll(futures);
        }
    }

    private <T> List<Future<T>> submitAll(Collection<? extends Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        try {
            for (Callable<T> c : tasks) {
                futures.add(submit(c));
            }
        } catch (RuntimeException e) {
            cancelAll(futures);
            throw e;
        }
        return futures;
    }

    private static void awaitDone(Future<?> f) throws InterruptedException {
        try {
            f.get();
        } catch (ExecutionException | CancellationException ignored) {
            // reported by the future itself
        }
    }

    private static void cancelAll(List<? extends Future<?>> futures) {
        for (Future<?> f : futures) {
            f.cancel(true);
        }
    }

    // ---------------------------------------------------------------- inspection

    /** The most worker JVMs this pool runs at once. */
    public int maxWorkers() {
        return maxWorkers;
    }

    /** Total bytes of task frames sent to workers. */
    public long bytesSent() {
        return bytesSent.get();
    }

    /** Total bytes of result and failure frames received from workers. */
    public long bytesReceived() {
        return bytesReceived.get();
    }

    /** The pids of the worker JVMs alive now (started ones; a worker still starting has none yet). */
    public List<Long> workerPids() {
        lock.lock();
        try {
            List<Long> pids = new ArrayList<>();
            for (Worker w : workers) {
                if (w.pid() > 0) {
                    pids.add(w.pid());
                }
            }
            return pids;
        } finally {
            lock.unlock();
        }
    }

    /** The command line a new worker JVM is started with. */
    public List<String> workerCommand() {
        return launcher.command("worker-N");
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            String state = switch (runState) {
                case RUNNING -> broken != null ? "broken" : "running";
                case SHUTDOWN -> "shutting down";
                case STOP -> "stopping";
                default -> "terminated";
            };
            return "ProcessPool[" + state + ", workers " + workers.size() + "/" + maxWorkers + ", idle " + idle.size()
                    + ", queued " + queue.size() + "]";
        } finally {
            lock.unlock();
        }
    }

    private byte[] serializeInitializer(Runnable initializer) {
        if (!(initializer instanceof Serializable)) {
            throw new IllegalArgumentException("initializer of " + initializer.getClass()
                    + " is not Serializable; use a Serializable class or (Runnable & Serializable) () -> ...");
        }
        AllowList allow = allowList.withPackageOf(initializer.getClass());
        rememberLocation(WorkerClassPath.cachedLocationOf(initializer.getClass()));
        try {
            return SerialCodec.serialize(initializer, out -> out.writeUTF(allow.encoded())).toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("initializer of " + initializer.getClass() + " cannot be serialized: " + e, e);
        }
    }

    private static ScheduledExecutorService newTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "process-pool-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    // ---------------------------------------------------------------- builder

    /**
     * Options of a {@link ProcessPool}; every one has a default. Not thread-safe; build once.
     */
    public static final class Builder {
        private int maxWorkers = Runtime.getRuntime().availableProcessors();
        private boolean eager;
        private int maxTasksPerWorker;
        private Runnable initializer;
        private final List<String> jvmOptions = new ArrayList<>();
        private String maxHeap;
        private final List<Path> classPath = new ArrayList<>();
        private final Set<String> allowPatterns = new LinkedHashSet<>();
        private Duration interruptGrace = Duration.ofSeconds(5);
        private PrintStream stdout;
        private PrintStream stderr;
        private boolean classDataSharing = true;

        private Builder() {}

        /**
         * Whether workers use an application class-data archive built on first use (default: yes,
         * where possible; see {@link ClassDataArchive}, package-private, for when and where).
         */
        public Builder classDataSharing(boolean enabled) {
            this.classDataSharing = enabled;
            return this;
        }

        /** At most this many worker JVMs at once; default: the number of processors. */
        public Builder maxWorkers(int maxWorkers) {
            if (maxWorkers < 1 || maxWorkers > 1024) {
                throw new IllegalArgumentException("maxWorkers must be between 1 and 1024, got " + maxWorkers);
            }
            this.maxWorkers = maxWorkers;
            return this;
        }

        /** Starts all {@code maxWorkers} workers when the pool is built, and keeps that many. Default: on demand. */
        public Builder startEagerly(boolean eager) {
            this.eager = eager;
            return this;
        }

        /** Replaces a worker after it ran this many tasks (Python's {@code max_tasks_per_child}); 0: never (default). */
        public Builder maxTasksPerWorker(int maxTasks) {
            if (maxTasks < 0) {
                throw new IllegalArgumentException("maxTasksPerWorker must be 0 (no limit) or more, got " + maxTasks);
            }
            this.maxTasksPerWorker = maxTasks;
            return this;
        }

        /**
         * Runs once in each worker before its first task; must be Serializable. If it throws, the
         * pool is broken (see {@link WorkerStartException}).
         */
        public Builder initializer(Runnable initializer) {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /** Extra options for worker JVMs, e.g. {@code "-XX:+UseSerialGC"}. */
        public Builder jvmOptions(String... options) {
            for (String o : options) {
                if (o == null || !o.startsWith("-")) {
                    throw new IllegalArgumentException("JVM option '" + o + "' must start with '-'");
                }
                jvmOptions.add(o);
            }
            return this;
        }

        /** The maximum heap of each worker, as in {@code -Xmx}: {@code "512m"}, {@code "4g"}. Default: the JVM's (1/4 of RAM). */
        public Builder maxHeap(String size) {
            if (size == null || !size.matches("[1-9][0-9]*[kKmMgGtT]?")) {
                throw new IllegalArgumentException("maxHeap '" + size + "' is not a size like 512m, 4g or 1073741824");
            }
            this.maxHeap = size;
            return this;
        }

        /** Jars or class folders to put on the workers' class path, besides the library and the caller's. */
        public Builder classPath(Path... entries) {
            for (Path p : entries) {
                if (!java.nio.file.Files.exists(p)) {
                    throw new IllegalArgumentException("class path entry " + p + " does not exist");
                }
                classPath.add(p);
            }
            return this;
        }

        /**
         * Lets serialization create classes matching these patterns ({@code com.example.Point},
         * {@code com.example.*}, {@code com.example.**}), beyond {@code java.**},
         * {@code concurrencylab.**} and each task's own package.
         */
        public Builder allowClasses(String... patterns) {
            for (String p : patterns) {
                allowPatterns.add(AllowList.validate(p));
            }
            return this;
        }

        /** How long a task may run on after an interrupt before its worker is killed; default 5 s. */
        public Builder interruptGrace(Duration grace) {
            if (grace == null || grace.isNegative()) {
                throw new IllegalArgumentException("interruptGrace must be zero or positive, got " + grace);
            }
            this.interruptGrace = grace;
            return this;
        }

        /** Where workers' {@code System.out} lines go; default: the caller's {@code System.out} at each line. */
        public Builder stdout(PrintStream out) {
            this.stdout = Objects.requireNonNull(out, "stdout");
            return this;
        }

        /** Where workers' {@code System.err} lines (and JVM messages) go; default: the caller's {@code System.err}. */
        public Builder stderr(PrintStream err) {
            this.stderr = Objects.requireNonNull(err, "stderr");
            return this;
        }

        public ProcessPool build() {
            return new ProcessPool(this);
        }
    }
}
