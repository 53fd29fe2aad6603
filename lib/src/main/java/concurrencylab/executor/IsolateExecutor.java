package concurrencylab.executor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Isolates inside one JVM, the counterpart of Python's subinterpreters ({@code interpreters},
 * PEP 734): each worker thread runs its tasks in a class loader of its own, so every static
 * field of the library (and of the tasks' classes) exists once per isolate. Data goes in and out
 * only as bytes (Java serialization), or through a {@link ByteBuffer} shared by reference, the
 * counterpart of sharing a {@code memoryview}.
 *
 * <pre>{@code
 * try (IsolateExecutor isolates = IsolateExecutor.newPool(2)) {
 *     GlobalValue.set(1);                                        // the caller's copy of the static
 *     isolates.submit(new ReadGlobalAfterSleepTask(Duration.ZERO)).get();   // 0: the isolate's own copy
 *
 *     ByteBuffer shared = ByteBuffer.allocateDirect(4 * n);      // filled by the caller
 *     isolates.submit(new PickFromBufferTask(7), shared).get();  // reads the caller's memory, no copy
 * }
 * }</pre>
 *
 * <h2>Tasks</h2>
 * As for {@link ProcessPool}: a {@link Callable} or {@link Runnable} that is {@link Serializable},
 * whose class comes from a jar or class folder. It is serialized in the submitting thread (a task
 * that cannot be fails there with an {@link IllegalArgumentException}), deserialized inside the
 * isolate by its class loader, run there, and its result (or exception) comes back the same way,
 * re-created with the task's class loader in the caller. {@link #bytesSent()} and
 * {@link #bytesReceived()} count those bytes. A class defined in a notebook cell or JShell has
 * no file an isolate could load it from, and is refused at submission.
 *
 * <p>{@link #submit(Function, ByteBuffer)} sends a {@code Function<ByteBuffer, T>} task the same
 * way, plus a view of a buffer whose contents are NOT copied: both sides read and write the same
 * memory. Use a direct buffer ({@link ByteBuffer#allocateDirect}, or a
 * {@link java.nio.MappedByteBuffer}, which other processes can map too): its memory lies outside
 * any object of either side. (In JDK 22 and later a {@code java.lang.foreign.MemorySegment} does
 * the same with explicit lifetimes; on JDK 21, this library's target, that API is a preview.)
 * Writes by one side are seen by the other once a happens-before edge orders them: the task's
 * submission and its completion are such edges; for anything finer, synchronize as between threads.
 *
 * <h2>How isolated</h2>
 * Isolates share the JVM: its heap, garbage collector, JIT and JDK classes ({@code java.*} are
 * loaded once, so JDK statics such as {@code System.out} are shared). What they do not share is
 * every class loaded from the library's location and the tasks' locations: each isolate's loader
 * defines its own copy ({@link IsolateClassLoader}, child-first), with its own static fields.
 * That is weaker than a subinterpreter (whose objects are all its own) and far weaker than a
 * process; it is what Java offers inside one process.
 *
 * <h2>Workers</h2>
 * {@code isolates} worker threads, each with its own isolate, started as tasks arrive and named
 * {@code isolate-<pool>-<n>}; tasks wait in one queue and go to the next free isolate. An
 * isolate keeps its statics from one task to the next. Cancellation, {@link #shutdownNow()}
 * (interrupts), {@link #close()} behave as for a {@link ThreadPoolExecutor}; when the pool has
 * terminated, the isolates' class loaders are closed.
 *
 * <p>Thread-safe: the pool's state lives in the {@link ThreadPoolExecutor} it wraps; the list of
 * class path locations is a concurrent list that only grows, and each isolate's loader is given
 * every location before it runs a task that needs it.
 */
public final class IsolateExecutor extends AbstractExecutorService {

    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private final int isolates;
    private final ThreadPoolExecutor threads;
    /** Locations every isolate loads classes from: the library's, then each task class's (only grows). */
    private final List<Path> locations = new CopyOnWriteArrayList<>();
    private final Set<Path> knownLocations = ConcurrentHashMap.newKeySet();
    /** The isolates' loaders, closed when the pool terminates. */
    private final List<IsolateClassLoader> loaders = new CopyOnWriteArrayList<>();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();

    private IsolateExecutor(int isolates) {
        if (isolates < 1) {
            throw new IllegalArgumentException("isolates must be at least 1, got " + isolates);
        }
        Path library = WorkerClassPath.locationOf(IsolateExecutor.class);
        if (library == null) {
            throw new IllegalStateException("cannot find where the class " + IsolateExecutor.class.getName()
                    + " was loaded from (its code source is not a file), so isolates cannot load the library");
        }
        addLocation(library);
        this.isolates = isolates;
        String prefix = "isolate-" + POOL_IDS.incrementAndGet() + "-";
        this.threads = new ThreadPoolExecutor(isolates, isolates, 0L, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), new IsolateThreads(prefix)) {
            @Override
            protected void terminated() {
                for (IsolateClassLoader loader : loaders) {
                    try {
                        loader.close();
                    } catch (IOException ignored) {
                        // only open jar files to release; nothing to report
                    }
                }
            }
        };
    }

    /** A pool of {@code isolates} worker threads, each with its own isolate. */
    public static IsolateExecutor newPool(int isolates) {
        return new IsolateExecutor(isolates);
    }

    /** The number of isolates (worker threads). */
    public int isolates() {
        return isolates;
    }

    /** Bytes of serialized tasks sent into isolates so far. */
    public long bytesSent() {
        return bytesSent.get();
    }

    /** Bytes of serialized results and exceptions received from isolates so far. */
    public long bytesReceived() {
        return bytesReceived.get();
    }

    /**
     * Runs {@code task} in an isolate with a view of {@code shared}: the task is serialized, the
     * buffer's memory is not. The view has the buffer's position, limit and byte order, and
     * position and limit of its own, so the task may move them freely.
     *
     * @throws IllegalArgumentException if {@code task} is not serializable or not loadable from a file
     * @throws NullPointerException if an argument is null
     */
    public <T> Future<T> submit(Function<ByteBuffer, ? extends T> task, ByteBuffer shared) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(shared, "shared");
        ByteBuffer view = shared.duplicate().order(shared.order());
        RunnableFuture<T> future = newFuture(task, view);
        execute(future);
        return future;
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return newFuture(callable, null);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        Objects.requireNonNull(runnable, "task");
        return newFuture(new RunnableTask<>(runnable, value), null);
    }

    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        threads.execute(command instanceof IsolateTask<?> ? command : newTaskFor(command, null));
    }

    @Override
    public void shutdown() {
        threads.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return threads.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return threads.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return threads.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return threads.awaitTermination(timeout, unit);
    }

    @Override
    public String toString() {
        return "IsolateExecutor[isolates=" + isolates + ", " + (isTerminated() ? "terminated"
                : isShutdown() ? "shutting down" : "running") + "]";
    }

    private <T> IsolateTask<T> newFuture(Object task, ByteBuffer shared) {
        Class<?> type = task instanceof RunnableTask<?> r ? r.runnable().getClass() : task.getClass();
        if (!(task instanceof Serializable) || (task instanceof RunnableTask<?> r && !(r.runnable() instanceof Serializable))) {
            throw new IllegalArgumentException("task of " + type.getName() + " is not Serializable: an isolate receives"
                    + " its tasks as bytes; use a record or class that implements Serializable");
        }
        if (type.getClassLoader() != null) {
            Path location = WorkerClassPath.cachedLocationOf(type);
            if (location == null) {
                throw new IllegalArgumentException("task class " + type.getName() + " has no jar or class folder that an"
                        + " isolate could load it from (classes defined in a notebook cell or JShell, or generated at"
                        + " run time, exist only in the caller's class loader); compile it into a jar and add it to the"
                        + " class path");
            }
            addLocation(location);
        }
        byte[] bytes;
        try {
            bytes = Bytes.write(task);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("task of " + type.getName() + " cannot be sent to an isolate: "
                    + e.getMessage() + " is not Serializable", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("task of " + type.getName() + " cannot be serialized: " + e, e);
        }
        bytesSent.addAndGet(bytes.length);
        ClassLoader home = type.getClassLoader() != null ? type.getClassLoader() : IsolateExecutor.class.getClassLoader();
        return new IsolateTask<>(() -> runInIsolate(bytes, shared, home));
    }

    private void addLocation(Path location) {
        if (knownLocations.add(location)) {
            locations.add(location);
            for (IsolateClassLoader loader : loaders) {
                loader.add(location);
            }
        }
    }

    /** Runs on an isolate's thread: bytes in, the task run by the isolate's classes, bytes out. */
    @SuppressWarnings("unchecked")
    private <T> T runInIsolate(byte[] taskBytes, ByteBuffer shared, ClassLoader home) throws Exception {
        Isolate isolate = (Isolate) Thread.currentThread();
        isolate.catchUp(locations);
        Object task = Bytes.read(taskBytes, isolate.loader);
        byte[] resultBytes;
        boolean failed = false;
        try {
            Object result = shared == null
                    ? ((Callable<Object>) task).call()
                    : ((Function<ByteBuffer, Object>) task).apply(shared);
            resultBytes = Bytes.write(result);
        } catch (Throwable thrown) {
            failed = true;
            resultBytes = Bytes.writeFailure(thrown, isolate.getName());
        }
        bytesReceived.addAndGet(resultBytes.length);
        Object back = Bytes.read(resultBytes, home);
        if (failed) {
            if (back instanceof Exception e) {
                throw e;
            }
            throw (Error) back;
        }
        return (T) back;
    }

    /** A future whose work runs in an isolate; recognized by {@link #execute}. */
    private static final class IsolateTask<T> extends FutureTask<T> {
        IsolateTask(Callable<T> work) {
            super(work);
        }
    }

    /** A Runnable with a given result, as a serializable Callable (the Runnable itself must be serializable). */
    private record RunnableTask<T>(Runnable runnable, T value) implements Callable<T>, Serializable {
        @Override
        public T call() {
            runnable.run();
            return value;
        }
    }

    /** A worker thread with its isolate's class loader. */
    private final class Isolate extends Thread {
        final IsolateClassLoader loader;
        private int locationsSeen;

        Isolate(Runnable body, String name) {
            super(body, name);
            this.loader = new IsolateClassLoader(name, locations, IsolateExecutor.class.getClassLoader());
            this.locationsSeen = locations.size();
            setContextClassLoader(loader);
        }

        /** Adds locations added since this isolate was made (the pool adds them too, but may race with us). */
        void catchUp(List<Path> all) {
            for (int i = locationsSeen; i < all.size(); i++) {
                loader.add(all.get(i)); // adding a URL twice is harmless: the first match wins
            }
            locationsSeen = all.size();
        }
    }

    private final class IsolateThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        IsolateThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Isolate isolate = new Isolate(r, prefix + count.incrementAndGet());
            loaders.add(isolate.loader);
            return isolate;
        }
    }

    /** Java serialization to and from byte arrays, resolving classes with a given loader. Stateless. */
    private static final class Bytes {
        private Bytes() {
        }

        static byte[] write(Object o) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
                oos.writeObject(o);
            }
            return out.toByteArray();
        }

        /** The exception itself if it can be sent, otherwise its facts in a {@link RemoteTaskException}. */
        static byte[] writeFailure(Throwable thrown, String isolateName) throws IOException {
            try {
                return write(thrown);
            } catch (IOException notSerializable) {
                RemoteTaskException standIn = new RemoteTaskException(thrown.getClass().getName(), thrown.getMessage(),
                        isolateName, notSerializable.toString());
                standIn.setStackTrace(thrown.getStackTrace());
                return write(standIn);
            }
        }

        static Object read(byte[] bytes, ClassLoader loader) throws IOException, ClassNotFoundException {
            try (ObjectInputStream in = new LoaderInput(new ByteArrayInputStream(bytes), loader)) {
                return in.readObject();
            }
        }
    }

    private static final class LoaderInput extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderInput(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc); // primitive types
            }
        }
    }

    /** The library's class path locations known so far; for tests. */
    List<Path> locations() {
        return new ArrayList<>(locations);
    }
}
