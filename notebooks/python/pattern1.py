#!/usr/bin/env python3
"""Pattern 1, CPU-bound work, measured in Python for the notebook 04_pattern1_cpu_bound.

The workload is the tutorial's: x^(2^y) by squaring x y times; the "ratio" task computes it
twice and divides (the answer is 1), the "power" task computes it once. A run submits n equal
tasks to a thread pool or a process pool (concurrent.futures) of a given size and waits for
all results; "serial" runs the n tasks one after another in the main thread, with no pool.

Every configuration gets --warmups runs that are not recorded, then --repetitions recorded
runs. Results go to standard output as CSV, one row per recorded run:

    language,executor,workers,pool,start_method,task,n,x,y,repetition,seconds

(start_method is how multiprocessing starts worker processes here: fork, spawn or
forkserver). Progress goes to standard error. Standard library only; Python 3.8 or newer.

What is timed (--pool):
  cold  the executor object is created before the clock starts, as in the article, and the
        clock runs from the first submission to the last result. concurrent.futures starts
        its worker threads or processes when tasks are submitted, so their start-up is
        inside the measurement.
  warm  before the clock starts, every worker has started and answered a trivial task; the
        clock then sees only the tasks and their round trips.
Shutting the executor down happens after the clock stops in both cases.

Examples:
  python3 pattern1.py --executor thread process --workers 1 2 3 -y 26
  python3 pattern1.py --executor serial -n 1 --task power -x 2 3 -y 21 22
"""

import argparse
import concurrent.futures
import csv
import multiprocessing
import os
import statistics
import sys
import time

MAX_Y = 32  # 2^(2^32) alone is half a gigabyte; the tutorial never needs more


def power(x, y):
    """x^(2^y), by squaring y times."""
    a = x
    for _ in range(y):
        a = a * a
    return a


def ratio(x, y):
    """The heavy task: power(x, y) // power(x, y), which is 1 after doing the work twice."""
    return power(x, y) // power(x, y)


TASKS = {"ratio": ratio, "power": power}


def worker_pid():
    """A trivial task that says which worker ran it (to warm a pool up)."""
    return os.getpid()


def positive(minimum):
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError("'%s' is not an integer" % text)
        if value < minimum:
            raise argparse.ArgumentTypeError("%d is too small: the smallest allowed is %d" % (value, minimum))
        return value
    return parse


def exponent(text):
    value = positive(0)(text)
    if value > MAX_Y:
        raise argparse.ArgumentTypeError(
            "y=%d is too large: allowed 0..%d (x^(2^y) doubles in size with every y)" % (value, MAX_Y))
    return value


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description="Times n tasks of x^(2^y) on thread and process pools; CSV to stdout, progress to stderr.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--executor", nargs="+", choices=["thread", "process", "serial"], default=["thread", "process"],
                        help="executors to measure, in order")
    parser.add_argument("--workers", nargs="+", type=positive(1), default=[1, 2, 3],
                        help="pool sizes (max_workers) to measure; ignored by serial")
    parser.add_argument("-x", nargs="+", type=positive(1), default=[2], help="bases, 1 or more")
    parser.add_argument("-y", nargs="+", type=exponent, default=[26],
                        help="numbers of squarings, 0..%d" % MAX_Y)
    parser.add_argument("-n", type=positive(1), default=3, help="tasks per run")
    parser.add_argument("--task", choices=sorted(TASKS), default="ratio",
                        help="ratio: power twice, divided (the article's task); power: once")
    parser.add_argument("--pool", choices=["cold", "warm"], default="cold",
                        help="cold: workers start inside the timing, as in the article; warm: before it")
    parser.add_argument("--start-method", choices=multiprocessing.get_all_start_methods(),
                        default=multiprocessing.get_start_method(),
                        help="how the process pool starts its workers (the default is this platform's)")
    parser.add_argument("--warmups", type=positive(0), default=1, help="unrecorded runs per configuration")
    parser.add_argument("--repetitions", type=positive(1), default=3, help="recorded runs per configuration")
    return parser.parse_args(argv)


def new_executor(kind, workers, start_method):
    if kind == "thread":
        return concurrent.futures.ThreadPoolExecutor(max_workers=workers)
    return concurrent.futures.ProcessPoolExecutor(max_workers=workers,
                                                  mp_context=multiprocessing.get_context(start_method))


def warm_up(executor, workers):
    """Starts the pool's workers and waits until each has answered; returns how many answered."""
    futures = [executor.submit(worker_pid) for _ in range(workers)]
    return len({f.result() for f in futures})


def one_run(kind, workers, pool, start_method, task, n, x, y):
    """Seconds for one run: n tasks submitted, all results received and checked."""
    function = TASKS[task]
    if kind == "serial":
        start = time.perf_counter()
        results = [function(x, y) for _ in range(n)]
        seconds = time.perf_counter() - start
        check(results, task, x, y)
        return seconds
    executor = new_executor(kind, workers, start_method)
    try:
        if pool == "warm":
            warm_up(executor, workers)
        start = time.perf_counter()
        results = list(executor.map(function, [x] * n, [y] * n))
        seconds = time.perf_counter() - start
    finally:
        executor.shutdown(wait=True)
    check(results, task, x, y)
    return seconds


def check(results, task, x, y):
    # A wrong answer would make every timing meaningless: fail loudly instead.
    for result in results:
        if task == "ratio" and result != 1:
            raise SystemExit("ratio(%d, %d) returned %r instead of 1" % (x, y, result))
        if task == "power" and result.bit_length() < 2 ** y and x > 1:
            raise SystemExit("power(%d, %d) has only %d bits" % (x, y, result.bit_length()))


def main(argv=None):
    args = parse_arguments(argv)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["language", "executor", "workers", "pool", "start_method", "task", "n", "x", "y", "repetition", "seconds"])
    start_method = args.start_method
    configurations = []
    for x in args.x:
        for y in args.y:
            for kind in args.executor:
                for workers in ([1] if kind == "serial" else args.workers):
                    configurations.append((x, y, kind, workers))
    print("pattern1.py: Python %s, %d configurations x (%d warm-up + %d repetitions), pool %s, start method %s"
          % (sys.version.split()[0], len(configurations), args.warmups, args.repetitions, args.pool, start_method),
          file=sys.stderr)
    started = time.perf_counter()
    for index, (x, y, kind, workers) in enumerate(configurations, 1):
        for _ in range(args.warmups):
            one_run(kind, workers, args.pool, start_method, args.task, args.n, x, y)
        times = []
        for repetition in range(1, args.repetitions + 1):
            seconds = one_run(kind, workers, args.pool, start_method, args.task, args.n, x, y)
            times.append(seconds)
            out.writerow(["python", kind, workers, args.pool, start_method, args.task, args.n, x, y, repetition, "%.9f" % seconds])
        sys.stdout.flush()
        print("[%d/%d] executor=%s workers=%d x=%d y=%d: median %.4f s  elapsed %.1f s"
              % (index, len(configurations), kind, workers, x, y, statistics.median(times),
                 time.perf_counter() - started), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
