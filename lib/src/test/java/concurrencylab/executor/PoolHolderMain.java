package concurrencylab.executor;

import java.util.List;
import java.util.concurrent.Future;

/**
 * A caller JVM for {@link OrphanTest}: starts a pool of two workers busy with sleeping tasks,
 * prints {@code WORKERS <pid> <pid>}, then either waits to be killed ({@code wait}) or exits
 * without closing the pool ({@code exit}).
 */
public final class PoolHolderMain {
    public static void main(String[] args) throws Exception {
        LineCollector out = new LineCollector();
        ProcessPool pool = ProcessPool.builder().maxWorkers(2).stdout(out.stream).build();
        Future<String> a = pool.submit(new Tasks.SleepUntilInterrupted("one"));
        Future<String> b = pool.submit(new Tasks.SleepUntilInterrupted("two"));
        out.await(l -> l.contains("one pid="), 60);
        out.await(l -> l.contains("two pid="), 60);
        List<Long> pids = pool.workerPids();
        System.out.println("WORKERS " + pids.get(0) + " " + pids.get(1));
        System.out.flush();
        if (args.length > 0 && args[0].equals("exit")) {
            System.exit(0); // without close(): the workers must still go
        }
        a.get();
        b.get();
    }
}
