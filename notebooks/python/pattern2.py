"""Pattern 2 in Python, measured: pass the numbers 0..x-1 to n tasks that each pick element y.

The companion of notebook 05. For every size it builds the data (a list, or an array('i') of
4-byte ints, Python's counterpart of Java's int[]), then times n tasks that pick element y
through a thread pool (the tasks share the data) and a process pool (every task's data is
pickled and sent). With --executors process-global it also times a pool forked after the data
was put in a global, so the workers inherit it and only y is sent (needs the "fork" start
method: Linux and macOS, not Windows).

Standard library only, Python 3.8+. Results go to standard output as CSV, one row per timed run:

    language,executor,data,size,repetition,seconds

(executor "build" rows time building the data itself). Progress goes to standard error.

    python3 pattern2.py --sizes 1000,100000 --executors thread,process --data list,array -n 3
"""
import argparse
import multiprocessing
import statistics
import sys
import time
from array import array
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

EXECUTORS = ("thread", "process", "process-global")
DATA = ("list", "array")

# The data a forked worker inherits; set in the parent before the pool forks.
_inherited = None


def pick(data, y):
    return data[y]


def pick_inherited(y):
    return _inherited[y]


def noop(i):
    return i


def build(kind, size):
    if kind == "list":
        return list(range(size))
    return array("i", range(size))


def positive_int(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1, got %d" % value)
    return value


def choices_list(allowed):
    def parse(text):
        values = [v.strip() for v in text.split(",") if v.strip()]
        bad = [v for v in values if v not in allowed]
        if not values or bad:
            raise argparse.ArgumentTypeError(
                "%r is not a comma-separated list of %s" % (text, ", ".join(allowed)))
        return values
    return parse


def sizes_list(text):
    try:
        values = [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError("%r is not a comma-separated list of sizes" % text)
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError("sizes must be at least 1, got %r" % text)
    return values


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--sizes", type=sizes_list, default=[1000, 100000],
                        help="data sizes x, comma-separated")
    parser.add_argument("--executors", type=choices_list(EXECUTORS), default=["thread", "process"],
                        help="comma-separated: " + ", ".join(EXECUTORS))
    parser.add_argument("--data", type=choices_list(DATA), default=["list"],
                        help="comma-separated: " + ", ".join(DATA))
    parser.add_argument("-y", type=int, default=1, help="the index each task picks; 0 <= y < every size")
    parser.add_argument("-n", type=positive_int, default=3, help="tasks per run")
    parser.add_argument("--workers", type=positive_int, default=3, help="pool size")
    parser.add_argument("--warmups", type=int, default=1, help="untimed runs per point")
    parser.add_argument("--repetitions", type=positive_int, default=3, help="timed runs per point")
    args = parser.parse_args(argv)
    if args.y < 0 or args.y >= min(args.sizes):
        parser.error("y=%d must satisfy 0 <= y < x for every size; the smallest size is %d"
                     % (args.y, min(args.sizes)))
    if args.warmups < 0:
        parser.error("--warmups must be at least 0, got %d" % args.warmups)
    return args


def new_pool(executor, workers):
    if executor == "thread":
        return ThreadPoolExecutor(max_workers=workers)
    if executor == "process-global":
        return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
    return ProcessPoolExecutor(max_workers=workers)


def measure(executor, kind, data, args, emit):
    """Times n picks through a started pool; returns the recorded seconds."""
    global _inherited
    size = len(data)
    if executor == "process-global":
        _inherited = data  # before the pool forks: its workers inherit it
    try:
        with new_pool(executor, args.workers) as pool:
            # Start the workers before timing, as the Java notebook does.
            list(pool.map(noop, range(args.workers)))
            recorded = []
            for run in range(args.warmups + args.repetitions):
                start = time.perf_counter()
                if executor == "process-global":
                    results = list(pool.map(pick_inherited, [args.y] * args.n))
                else:
                    results = list(pool.map(pick, [data] * args.n, [args.y] * args.n))
                seconds = time.perf_counter() - start
                if results != [args.y] * args.n:
                    raise SystemExit("wrong results %r for %s %s x=%d" % (results, executor, kind, size))
                if run >= args.warmups:
                    recorded.append(seconds)
                    emit(executor, kind, size, run - args.warmups + 1, seconds)
            return recorded
    finally:
        _inherited = None


def main(argv=None):
    args = parse_args(argv)
    executors = list(args.executors)
    if "process-global" in executors and "fork" not in multiprocessing.get_all_start_methods():
        print("process-global skipped: this platform cannot fork", file=sys.stderr)
        executors.remove("process-global")

    print("language,executor,data,size,repetition,seconds")

    def emit(executor, kind, size, repetition, seconds):
        print("python,%s,%s,%d,%d,%.9f" % (executor, kind, size, repetition, seconds))
        sys.stdout.flush()

    total = len(args.sizes) * len(args.data)
    done = 0
    for size in args.sizes:
        for kind in args.data:
            done += 1
            build_times = []
            data = None
            for run in range(args.warmups + args.repetitions):
                data = None  # free the previous copy first
                start = time.perf_counter()
                data = build(kind, size)
                seconds = time.perf_counter() - start
                if run >= args.warmups:
                    build_times.append(seconds)
                    emit("build", kind, size, run - args.warmups + 1, seconds)
            line = ["[%d/%d] %s x=%d: build %.4f s" % (done, total, kind, size, statistics.median(build_times))]
            for executor in executors:
                recorded = measure(executor, kind, data, args, emit)
                line.append("%s %.4f s" % (executor, statistics.median(recorded)))
            print(", ".join(line), file=sys.stderr)
            data = None
    return 0


if __name__ == "__main__":
    sys.exit(main())
