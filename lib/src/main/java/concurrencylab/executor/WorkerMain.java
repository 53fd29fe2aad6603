package concurrencylab.executor;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The main class of a worker JVM started by {@link ProcessPool}. Not for direct use.
 *
 * <p>Frames from standard input are read by <em>frame threads</em>, one at a time: the thread
 * holding the <em>reader role</em> reads frames, handles class path and
 * {@link Frames#INTERRUPT interrupt} frames itself, and runs an initializer or task frame itself,
 * keeping the role: when the task ends quickly it goes on reading, and the round trip of a small
 * task involves no thread hand-off in the worker at all. Before it blocks in a read, the reader
 * watches standard input for a moment ({@link #watchInput}), so that a task sent right after the
 * last one needs no wake-up either. A second frame thread waits meanwhile;
 * when a task has run for {@link #TAKEOVER_NANOS} it takes the reader role over, so that the
 * next frames, above all an interrupt for this very task, are read while the task runs (an
 * interrupt thus reaches a task within about twice that time). The task's thread, when done,
 * becomes the waiting one. To notice a long task without being woken for each task (a wake-up
 * costs the waker a system call, microseconds on a virtual machine), the waiting thread looks
 * every {@link #TAKEOVER_NANOS} while tasks keep coming, and sleeps until woken once the worker
 * has been idle for {@link #STAY_ALERT_NANOS}. A worker runs one task at a time, so two frame
 * threads suffice: the main thread and one started with the first frame to run; another starts
 * only if a frame to run is read while no thread waits.
 *
 * <p>Frames go out on the <em>original</em> standard output, saved before {@code System.out}
 * and {@code System.err} are replaced by streams that wrap what tasks print into
 * {@link Frames#OUT OUT}/{@link Frames#ERR ERR} frames; the parent prints those lines with the
 * worker's name, in order with the task's result. {@code System.in} is replaced by an empty
 * stream so a task cannot swallow frames.
 *
 * <p>The worker exits when its standard input ends: when the pool retires it, and also when
 * the parent JVM dies in any way, since the operating system closes the pipe then. A watchdog
 * on the parent process ({@link ProcessHandle#onExit()}) is a second guard.
 */
public final class WorkerMain {
    private final String name;
    private final DataInputStream frameIn;   // read only by the thread holding the reader role
    private final DataOutputStream frameOut; // guarded by itself
    private final WorkerClassLoader loader = new WorkerClassLoader(WorkerMain.class.getClassLoader());
    private final AllowList.Decoder allowLists = new AllowList.Decoder(); // guarded by itself

    /** How long a frame may run on the reading thread before another thread takes over reading. */
    static final long TAKEOVER_NANOS = 5_000_000;
    /** How long after the start of the last frame the waiting thread keeps looking. */
    static final long STAY_ALERT_NANOS = 1_000_000_000;

    // Guarded by "roles": the thread holding the reader role; when it runs a frame (not reading),
    // since when (0 while it reads); how many frame threads wait for the role, and how many of
    // those sleep until notified; until when waiting threads look without being notified; and
    // how many frame threads exist (for names).
    private final Object roles = new Object();
    private Thread holder;
    private long holderBusySince;
    private int waiting;
    private int sleeping;
    private long alertUntil;
    private int frameThreads = 1;

    // Guarded by "this": the thread running task currentTaskId (-1 and null for none), and an
    // interrupt that arrived for a task whose thread had not started it yet.
    private long currentTaskId = -1;
    private Thread runner;
    private long interruptedBeforeStart = -1;
    private boolean watching;

    private WorkerMain(String name, DataInputStream frameIn, DataOutputStream frameOut) {
        this.name = name;
        this.frameIn = frameIn;
        this.frameOut = frameOut;
        this.holder = Thread.currentThread(); // the main thread reads first
        this.alertUntil = System.nanoTime();
    }

    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "worker";
        DataOutputStream frameOut = new DataOutputStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        DataInputStream in = new DataInputStream(
                new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        WorkerMain worker = new WorkerMain(name, in, frameOut);
        System.setOut(worker.printStreamFor(Frames.OUT));
        System.setErr(worker.printStreamFor(Frames.ERR));
        System.setIn(new ByteArrayInputStream(new byte[0]));
        Thread.currentThread().setContextClassLoader(worker.loader);
        worker.frameLoop();
    }

    private PrintStream printStreamFor(byte type) {
        OutputStream frames = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len > 0) {
                    send(type, 0, b, off, len);
                }
            }
        };
        return new PrintStream(new BufferedOutputStream(frames, 8192), true, StandardCharsets.UTF_8);
    }

    private void send(byte type, long taskId, byte[] payload, int off, int len) throws IOException {
        synchronized (frameOut) {
            Frames.write(frameOut, type, taskId, payload, off, len);
            frameOut.flush();
        }
    }

    private void send(byte type, long taskId, SerialCodec.Encoded encoded) throws IOException {
        synchronized (frameOut) {
            Frames.write(frameOut, type, taskId, encoded);
            frameOut.flush();
        }
    }

    private void send(byte type, long taskId, byte[] payload) throws IOException {
        send(type, taskId, payload, 0, payload.length);
    }

    /**
     * The life of a frame thread: read frames while holding the reader role, run each
     * initializer or task frame, and after a frame whose run let another thread take the role
     * over, wait for the role again. Ends the JVM at the end of standard input.
     */
    private void frameLoop() {
        try {
            if (!holdsReaderRole()) {
                takeReaderRole();
            }
            while (true) {
                readAndRunOne();
                if (!readingAgain()) {
                    takeReaderRole();
                }
            }
        } catch (IOException e) {
            // the parent is gone or a pipe broke
            Runtime.getRuntime().halt(1);
        }
    }

    /**
     * Reads up to the next initializer or task frame and runs it. A method of its own so that
     * the frame, which may hold arrays of hundreds of megabytes, is unreachable once it returns:
     * a local variable of a loop in an interpreted frame would keep it alive while the thread
     * waits or reads the next frame.
     */
    private void readAndRunOne() throws IOException {
        Frames.Frame f = readUntilWork();
        if (f == null) {
            // Standard input ended: the pool retired us or the parent is gone.
            flushUserStreams();
            System.exit(0);
        }
        runningWithReaderRole();
        if (f.type() == Frames.INIT) {
            initialize(f.payload());
        } else {
            runTask(f);
            if (startWatching()) {
                watchParent();
            }
        }
    }

    /** Reads frames, handling class path and interrupt frames, until one to run or the end (null). */
    private Frames.Frame readUntilWork() throws IOException {
        Frames.Frame f;
        while (watchInput() && (f = Frames.read(frameIn)) != null) {
            switch (f.type()) {
                case Frames.CLASSPATH -> loader.addEntry(f.payloadText());
                case Frames.INTERRUPT -> interrupt(f.taskId());
                case Frames.INIT, Frames.TASK -> {
                    return f;
                }
                default -> throw new IOException(name + ": unknown frame type " + f.type());
            }
        }
        return null;
    }

    /**
     * Watches standard input for up to {@link Spin#WATCH_NANOS} before the reader blocks in a read:
     * a pool that sends small tasks one after another sends the next within microseconds, and a
     * thread blocked in a read must be woken by the kernel when it comes, which on a virtual
     * machine can cost tens of microseconds (an idle virtual processor is halted and must be
     * woken by the host). Only on a machine with more than one processor; each look is two
     * system calls, and the pause between looks is {@link Spin#pause}. Always returns true (so
     * that it can guard the read).
     */
    private boolean watchInput() throws IOException {
        if (Spin.WORTH_WATCHING && frameIn.available() == 0) {
            long start = System.nanoTime();
            int turn = 0;
            do {
                Spin.pause(turn++);
            } while (frameIn.available() == 0 && System.nanoTime() - start < Spin.WATCH_NANOS);
        }
        return true;
    }

    private boolean holdsReaderRole() {
        synchronized (roles) {
            return holder == Thread.currentThread();
        }
    }

    /** Waits until the holder of the reader role has run a frame for too long, and takes the role over. */
    private void takeReaderRole() {
        synchronized (roles) {
            waiting++;
            try {
                while (true) {
                    long now = System.nanoTime();
                    long wait;
                    if (holderBusySince != 0) {
                        wait = holderBusySince + TAKEOVER_NANOS - now;
                        if (wait <= 0) {
                            holder = Thread.currentThread();
                            holderBusySince = 0;
                            return;
                        }
                    } else if (now - alertUntil < 0) {
                        wait = TAKEOVER_NANOS;
                    } else {
                        wait = 0; // idle for a while: sleep until a frame to run wakes us
                    }
                    try {
                        if (wait == 0) {
                            sleeping++;
                            try {
                                roles.wait();
                            } finally {
                                sleeping--;
                            }
                        } else {
                            TimeUnit.NANOSECONDS.timedWait(roles, wait);
                        }
                    } catch (InterruptedException e) {
                        // Not for us: interrupts target a running task, and end() clears them first.
                    }
                }
            } finally {
                waiting--;
            }
        }
    }

    /**
     * Called by the reader before it runs a frame: starts the clock for a takeover, wakes a
     * sleeping waiter (only after an idle time), starts a frame thread if none waits.
     */
    private void runningWithReaderRole() {
        String threadName = null;
        synchronized (roles) {
            long now = System.nanoTime();
            holderBusySince = now == 0 ? 1 : now;
            alertUntil = now + STAY_ALERT_NANOS;
            if (waiting == 0) {
                threadName = name.concat("-frames-").concat(Integer.toString(++frameThreads));
            } else if (sleeping > 0) {
                roles.notifyAll();
            }
        }
        if (threadName != null) {
            // No lambda: it would bootstrap invokedynamic on the start-up path (the first INIT frame).
            Thread t = new Thread(new Runnable() {
                @Override
                public void run() {
                    frameLoop();
                }
            }, threadName);
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            t.start();
        }
    }

    /** Called after running a frame: true if this thread still holds the reader role (and reads on). */
    private boolean readingAgain() {
        synchronized (roles) {
            if (holder == Thread.currentThread()) {
                holderBusySince = 0;
                return true;
            }
            return false;
        }
    }

    private synchronized void interrupt(long taskId) {
        if (currentTaskId == taskId) {
            runner.interrupt();
        } else {
            interruptedBeforeStart = taskId;
        }
    }

    private synchronized void begin(long taskId) {
        currentTaskId = taskId;
        runner = Thread.currentThread();
        if (interruptedBeforeStart == taskId) {
            runner.interrupt();
        }
    }

    private synchronized void end() {
        currentTaskId = -1;
        runner = null;
        Thread.interrupted(); // an interrupt meant for the finished task must not hit the next one
    }

    /** Whether the parent watch must be started now: once, after the first task. */
    private synchronized boolean startWatching() {
        if (watching) {
            return false;
        }
        watching = true;
        return true;
    }

    private void initialize(byte[] payload) throws IOException {
        if (payload.length > 0) {
            try {
                Runnable init = (Runnable) deserialize(payload, SerialCodec.NO_ARRAYS);
                init.run();
            } catch (Throwable t) {
                flushUserStreams();
                send(Frames.INIT_FAILED, 0, serializeFailure(describeLoadFailure(t)));
                System.exit(1);
            }
        }
        flushUserStreams();
        // No payload: the pool knows the pid from its Process, and asking ProcessHandle here would
        // set up its machinery (a thread pool, lambdas) on the way to the first task.
        send(Frames.READY, 0, new byte[0]);
    }

    /**
     * A second guard besides the end of standard input: halt when the parent process ends.
     * Started after the first task, off the start-up path (it costs a thread and some class
     * loading).
     */
    private void watchParent() {
        Thread watcher = new Thread(new Runnable() {
            @Override
            public void run() {
                ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(1)));
            }
        }, name.concat("-parent-watch"));
        watcher.setDaemon(true);
        watcher.setPriority(Thread.MIN_PRIORITY);
        watcher.start();
    }

    private void runTask(Frames.Frame f) throws IOException {
        long id = f.taskId();
        byte[] payload = f.payload();
        begin(id);
        try {
            Object task;
            try {
                task = deserialize(payload, f.arrays());
            } catch (Throwable t) {
                throw new TaskFailure(describeLoadFailure(t));
            } finally {
                payload = null; // the frame may be large; let it go before the task runs
            }
            Object result;
            try {
                result = task instanceof Callable<?> c ? c.call() : run((Runnable) task);
            } catch (Throwable t) {
                throw new TaskFailure(t);
            }
            flushUserStreams();
            byte[] small = SmallValue.encode(result);
            if (small != null) {
                end();
                send(Frames.VALUE, id, small);
                return;
            }
            SerialCodec.Encoded encoded;
            try {
                encoded = SerialCodec.encode(result, null);
            } catch (IOException | RuntimeException e) {
                throw new TaskFailure(new java.io.NotSerializableException("the result of the task ("
                        + result.getClass().getName() + ") cannot be serialized: " + e));
            }
            end();
            send(Frames.RESULT, id, encoded);
        } catch (TaskFailure failure) {
            flushUserStreams();
            byte[] reply = serializeFailure(failure.getCause());
            end();
            send(Frames.FAILURE, id, reply);
        }
    }

    /**
     * Reads a task or initializer payload: its allow-list patterns ({@code writeUTF}), then the
     * object stream, whose large arrays came out of band in {@code arrays}.
     */
    private Object deserialize(byte[] payload, Object[] arrays) throws IOException, ClassNotFoundException {
        DataInputStream header = new DataInputStream(new ByteArrayInputStream(payload));
        AllowList allow = decodeAllowList(header.readUTF());
        int offset = payload.length - header.available();
        return SerialCodec.deserialize(payload, offset, payload.length - offset, loader, allow, arrays);
    }

    private AllowList decodeAllowList(String patterns) {
        synchronized (allowLists) {
            return allowLists.decode(patterns);
        }
    }

    private static Object run(Runnable r) {
        r.run();
        return null;
    }

    private Throwable describeLoadFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ClassNotFoundException || c instanceof NoClassDefFoundError) {
                String missing = c.getMessage() == null ? "?" : c.getMessage().replace('/', '.');
                return new TaskNotLoadableException(missing, name, workerClassPath(), t);
            }
            if (c instanceof InvalidClassException) {
                return c; // the allow-list's refusal, already naming the class
            }
        }
        return t;
    }

    private String workerClassPath() {
        StringBuilder sb = new StringBuilder(System.getProperty("java.class.path"));
        for (var url : loader.getURLs()) {
            sb.append(java.io.File.pathSeparator).append(url.getPath());
        }
        return sb.toString();
    }

    private static byte[] serializeFailure(Throwable t) throws IOException {
        return SerialCodec.serialize(RemoteFailure.of(t)).toByteArray();
    }

    private static void flushUserStreams() {
        System.out.flush();
        System.err.flush();
    }

    /** Carries a failure to report out of the nested try blocks of {@link #runTask}. */
    private static final class TaskFailure extends Exception {
        private static final long serialVersionUID = 1L;

        TaskFailure(Throwable cause) {
            super(null, cause, false, false);
        }
    }
}
