package concurrencylab.executor;

import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.Callable;
import java.util.function.Function;

import concurrencylab.workload.GlobalValue;

/** Small tasks for the isolate tests; loaded by each isolate from the test classes folder. */
final class IsolateTasks {
    private IsolateTasks() {
    }

    /** Ints in a shared buffer read and written with volatile semantics: a signal between isolate and caller. */
    static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    /** The class loader that defined this task's class and the library's GlobalValue, and whether they agree. */
    record Loaders() implements Callable<String>, Serializable {
        @Override
        public String call() {
            ClassLoader mine = getClass().getClassLoader();
            return mine.getName() + (GlobalValue.class.getClassLoader() == mine ? " owns GlobalValue" : " shares GlobalValue");
        }
    }

    /** Sets this isolate's GlobalValue and returns what it was. */
    record SwapGlobal(int value) implements Callable<Integer>, Serializable {
        @Override
        public Integer call() {
            int old = GlobalValue.get();
            GlobalValue.set(value);
            return old;
        }
    }

    /** Writes {@code value} at int index {@code index} of the shared buffer; returns what was there. */
    record Write(int index, int value) implements Function<ByteBuffer, Integer>, Serializable {
        @Override
        public Integer apply(ByteBuffer buffer) {
            int old = buffer.getInt(index * 4);
            buffer.putInt(index * 4, value);
            buffer.position(buffer.limit()); // the caller's own position must not move
            return old;
        }
    }

    /** Marks int 0 of the shared buffer (volatile), then sleeps until interrupted. */
    record SignalThenSleep() implements Function<ByteBuffer, String>, Serializable {
        @Override
        public String apply(ByteBuffer buffer) {
            INTS.setVolatile(buffer, 0, 1);
            try {
                Thread.sleep(600_000);
                return "slept";
            } catch (InterruptedException e) {
                return "interrupted";
            }
        }
    }

    /** Counts itself in at int 0 of the shared buffer, waits until {@code parties} have, then names its class loader. */
    record MeetThenName(int parties) implements Function<ByteBuffer, String>, Serializable {
        @Override
        public String apply(ByteBuffer buffer) {
            INTS.getAndAdd(buffer, 0, 1);
            while ((int) INTS.getVolatile(buffer, 0) < parties) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return "interrupted";
                }
            }
            return getClass().getClassLoader().getName();
        }
    }

    /** The name of the isolate's thread. */
    record ThreadName() implements Callable<String>, Serializable {
        @Override
        public String call() {
            return Thread.currentThread().getName();
        }
    }
}
