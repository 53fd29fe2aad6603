package concurrencylab.executor;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Small tasks for the process pool tests; each is a class the worker JVMs can load. */
final class Tasks {
    private Tasks() {}

    /** Static state of a worker JVM: set by {@link SetStatic}, read by {@link ReadStatic}. */
    static volatile int staticValue;

    record Square(long x) implements Callable<Long>, Serializable {
        @Override
        public Long call() {
            return x * x;
        }
    }

    record Pid() implements Callable<Long>, Serializable {
        @Override
        public Long call() {
            return ProcessHandle.current().pid();
        }
    }

    record Throwing(String message) implements Callable<Object>, Serializable {
        @Override
        public Object call() {
            return nested();
        }

        private Object nested() {
            throw new IllegalStateException(message, new ArithmeticException("inner " + message));
        }
    }

    /** Throws an exception that cannot be serialized (it holds a Thread). */
    record ThrowingUnserializable(String message) implements Callable<Object>, Serializable {
        @Override
        public Object call() {
            throw new UnserializableException(message);
        }
    }

    static final class UnserializableException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Object notSerializable = new Object();

        UnserializableException(String message) {
            super(message);
        }
    }

    record Halt(int status) implements Callable<Object>, Serializable {
        @Override
        public Object call() {
            Runtime.getRuntime().halt(status);
            return null;
        }
    }

    /** Prints a marker line with its pid, then sleeps until interrupted. */
    record SleepUntilInterrupted(String marker) implements Callable<String>, Serializable {
        @Override
        public String call() throws InterruptedException {
            System.out.println(marker + " pid=" + ProcessHandle.current().pid());
            Thread.sleep(600_000); // ten minutes: only an interrupt ends it within a test
            return "slept";
        }
    }

    /** Prints a marker line, then spins, ignoring interrupts, for at most a minute. */
    record IgnoreInterrupts(String marker) implements Callable<String>, Serializable {
        @Override
        public String call() {
            System.out.println(marker + " pid=" + ProcessHandle.current().pid());
            long end = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < end) {
                Thread.interrupted();
                Thread.onSpinWait();
            }
            return "spun";
        }
    }

    /** Allocates until the heap is exhausted. */
    record Hog() implements Callable<Integer>, Serializable {
        @Override
        public Integer call() {
            List<long[]> hog = new ArrayList<>();
            while (true) {
                hog.add(new long[1 << 20]);
            }
        }
    }

    record ReturnsPrincipal() implements Callable<Object>, Serializable {
        @Override
        public Object call() {
            return new javax.security.auth.x500.X500Principal("CN=worker");
        }
    }

    record SetStatic(int value) implements Runnable, Serializable {
        @Override
        public void run() {
            staticValue = value;
        }
    }

    record ReadStatic() implements Callable<Integer>, Serializable {
        @Override
        public Integer call() {
            return staticValue;
        }
    }

    record FailingInitializer() implements Runnable, Serializable {
        @Override
        public void run() {
            throw new IllegalStateException("initializer refuses");
        }
    }

    record Print(String text) implements Runnable, Serializable {
        @Override
        public void run() {
            System.out.println(text);
            System.err.println("err:" + text);
            System.out.print("no newline");
        }
    }

    /** A task whose field is not serializable. */
    record HoldsThread(Thread thread) implements Callable<Object>, Serializable {
        @Override
        public Object call() {
            return null;
        }
    }

    record Sum(int[] values) implements Callable<Long>, Serializable {
        @Override
        public Long call() {
            long s = 0;
            for (int v : values) {
                s += v;
            }
            return s;
        }
    }

    /** Prints a line, then returns {@code bytes} bytes: a result frame too large for a waiting thread to read. */
    record PrintThenBigResult(String text, int bytes) implements Callable<byte[]>, Serializable {
        @Override
        public byte[] call() {
            System.out.println(text);
            byte[] result = new byte[bytes];
            java.util.Arrays.fill(result, (byte) 7);
            return result;
        }
    }
}
