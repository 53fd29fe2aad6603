package concurrencylab.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProcessPoolSmokeTest {
    @Test
    void squares() throws Exception {
        LineCollector out = new LineCollector();
        long t0 = System.nanoTime();
        try (ProcessPool pool = ProcessPool.builder().maxWorkers(2).stdout(out.stream).build()) {
            assertEquals(49L, pool.submit(new Tasks.Square(7)).get());
            System.out.println("first " + (System.nanoTime() - t0) / 1e6 + " ms; " + pool.workerCommand());
            pool.submit(new Tasks.Print("hello")).get();
            for (int i = 0; i < 5; i++) {
                long t = System.nanoTime();
                pool.submit(new Tasks.Square(i)).get();
                System.out.println("rt " + (System.nanoTime() - t) / 1e3 + " us");
            }
        }
        System.out.println(out.lines());
        System.out.println("total " + (System.nanoTime() - t0) / 1e6 + " ms");
    }
}
