package concurrencylab.executor;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The caller's side of one worker JVM of a {@link ProcessPool}: the process and three daemon
 * threads. The <em>reader</em> starts the process, then reads its frames and reports them to
 * the pool, and when the stream ends waits for the exit status and reports the death. The
 * <em>writer</em> sends queued frames, so neither submitters nor readers wait for a large frame
 * to cross a pipe (a task frame may be hundreds of megabytes); a small frame is written by the
 * sending thread itself when nothing is queued (see {@link #send}). The <em>stderr pump</em> forwards what the JVM
 * itself writes to standard error (JVM warnings, "Terminating due to java.lang.OutOfMemoryError")
 * and keeps the last lines for the death message.
 *
 * <p>Thread-safety: the fields marked "pool lock" are read and written only under the pool's
 * lock; the rest are final, volatile or confined to one of the threads above.
 */
final class Worker {
    enum State { STARTING, IDLE, BUSY, RETIRING }

    private static final int TAIL_LINES = 5;
    private static final Outgoing CLOSE = new Outgoing((byte) 0, 0, null, 0, null);

    final String name;
    private final ProcessPool pool;
    private final List<String> command;
    private final OutputForwarder out;
    private final OutputForwarder err;
    private final Supplier<PrintStream> errTarget;
    /** Frames up to this size are written by the sending thread itself when the pipe is free. */
    private static final int DIRECT_MAX = 16 * 1024;

    private final Object sendLock = new Object();
    // Guarded by sendLock: frames waiting for the writer thread, whether a thread is writing now,
    // and the stream (null until the process exists, and after it is closed).
    private final ArrayDeque<Outgoing> pending = new ArrayDeque<>();
    private boolean writing;
    private DataOutputStream toWorker;
    private boolean inputBroken; // writer or direct sender only, while "writing"
    private final Deque<String> stderrTail = new ArrayDeque<>(); // guarded by itself

    // pool lock
    State state = State.STARTING;
    RemoteTask<?> current;
    int tasksDone;
    int classPathSent;
    String killReason;
    /** Where this worker dumps a class-data archive at exit, or null. Set before start. */
    java.nio.file.Path dumpFile;

    private volatile Process process;
    /** Reads the worker's frames; null until the process exists. */
    private volatile FrameReader reader;
    private volatile boolean killRequested;

    private record Outgoing(byte type, long taskId, byte[] payload, int length, SerialCodec.Encoded encoded) {}

    Worker(int id, ProcessPool pool, List<String> command, Supplier<PrintStream> outTarget,
           Supplier<PrintStream> errTarget) {
        this.name = "worker-" + id;
        this.pool = pool;
        this.command = command;
        this.out = new OutputForwarder(name, outTarget);
        this.err = new OutputForwarder(name, errTarget);
        this.errTarget = errTarget;
    }

    void start() {
        daemon(this::readLoop, "reader").start();
    }

    long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    /**
     * Sends a frame, in order with the frames sent before. A small frame is written by the calling
     * thread when no other write is pending (a pipe with room takes it at once: the round trip
     * saves a thread hand-off); anything else is queued for the writer thread, so that callers
     * never wait for a large frame to cross the pipe.
     */
    void send(byte type, long taskId, byte[] payload) {
        send(new Outgoing(type, taskId, payload, payload.length, null));
    }

    /** Sends an encoded task. */
    void send(byte type, long taskId, SerialCodec.Encoded encoded) {
        send(new Outgoing(type, taskId, null, encoded.payloadLength(), encoded));
    }

    private void send(Outgoing o) {
        int length = o.length;
        DataOutputStream out;
        synchronized (sendLock) {
            if (writing || !pending.isEmpty() || toWorker == null || length > DIRECT_MAX) {
                pending.addLast(o);
                sendLock.notifyAll();
                return;
            }
            writing = true;
            out = toWorker;
        }
        writeAndRelease(out, o);
    }

    /** Writes {@code o} as the one writer ({@code writing} was set by the caller), then lets the next one in. */
    private void writeAndRelease(DataOutputStream out, Outgoing o) {
        try {
            write(out, o);
        } finally {
            synchronized (sendLock) {
                writing = false;
                if (!pending.isEmpty()) {
                    // Only then is the writer thread waiting for this write to end. Waking it
                    // for nothing would cost each small task's round trip a system call.
                    sendLock.notifyAll();
                }
            }
        }
    }

    private void write(DataOutputStream out, Outgoing o) {
        try {
            if (!inputBroken) {
                if (o.encoded != null) {
                    Frames.write(out, o.type, o.taskId, o.encoded);
                } else {
                    Frames.write(out, o.type, o.taskId, o.payload, 0, o.length);
                }
                out.flush();
            }
        } catch (IOException e) {
            inputBroken = true; // the worker died; the reader reports it
        }
    }

    /** Closes the worker's standard input after the queued frames: the worker then exits. */
    void closeInput() {
        synchronized (sendLock) {
            pending.addLast(CLOSE);
            sendLock.notifyAll();
        }
    }

    /** Kills the process now (or as soon as it exists). */
    void kill() {
        killRequested = true;
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    private Thread daemon(Runnable r, String role) {
        Thread t = new Thread(r, "process-pool-" + name + "-" + role);
        t.setDaemon(true);
        return t;
    }

    private void readLoop() {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException | RuntimeException e) {
            pool.workerEnded(this, -1, "cannot start the worker JVM " + command + ": " + e);
            return;
        }
        process = p;
        if (killRequested) {
            p.destroyForcibly();
        }
        Thread writer = daemon(() -> writeLoop(p), "writer");
        Thread pump = daemon(() -> pumpStderr(p), "stderr");
        writer.start();
        pump.start();
        String problem = null;
        FrameReader frames = new FrameReader(p.getInputStream(), this::dispatch);
        reader = frames;
        try {
            frames.readUntilEnd();
        } catch (IOException e) {
            problem = e.getMessage();
            p.destroyForcibly();
        } catch (RuntimeException | Error e) {
            problem = "the pool failed while reading from the worker: " + e;
            p.destroyForcibly();
        }
        out.flush();
        err.flush();
        closeInput();
        int status = waitForExit(p);
        joinQuietly(pump);
        pool.workerEnded(this, status, problem);
    }

    /** Handles one frame from the worker; called by whichever thread holds the reader role. */
    private void dispatch(Frames.Frame f) {
        switch (f.type()) {
            case Frames.OUT -> out.accept(f.payload(), 0, f.payload().length);
            case Frames.ERR -> err.accept(f.payload(), 0, f.payload().length);
            default -> pool.frameReceived(this, f);
        }
    }

    /**
     * Lets a thread waiting for a task of this worker read the worker's frames itself until
     * {@code done}, the deadline or an interrupt, where it can without blocking; see
     * {@link FrameReader#watch}.
     */
    void watch(java.util.function.BooleanSupplier done, long deadline) {
        FrameReader r = reader;
        if (r == null) {
            Thread.yield(); // the process is still starting
        } else {
            r.watch(done, deadline);
        }
    }

    private static int waitForExit(Process p) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (p.waitFor(30, TimeUnit.SECONDS)) {
                        return p.exitValue();
                    }
                    p.destroyForcibly(); // standard output closed but the process hangs on
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeLoop(Process p) {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(p.getOutputStream(), 1 << 16));
        synchronized (sendLock) {
            toWorker = out;
        }
        try {
            while (true) {
                Outgoing o;
                synchronized (sendLock) {
                    while (writing || pending.isEmpty()) {
                        sendLock.wait();
                    }
                    o = pending.pollFirst();
                    if (o == CLOSE) {
                        toWorker = null; // later sends queue up and are dropped with the worker
                        break;
                    }
                    writing = true;
                }
                writeAndRelease(out, o);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                out.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    private void pumpStderr(Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (stderrTail) {
                    if (stderrTail.size() == TAIL_LINES) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line);
                }
                PrintStream target = errTarget.get();
                target.println("[" + name + "] " + line);
                target.flush();
            }
        } catch (IOException ignored) {
            // the process is gone
        }
    }

    /** The last lines the JVM wrote to its standard error, joined, or "". */
    String stderrTail() {
        synchronized (stderrTail) {
            return String.join(" | ", stderrTail);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
