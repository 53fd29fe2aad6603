"""Pattern 1 on a ThreadPoolExecutor with 1, 2, 3... workers, for notebook 12 (the GIL).

Each task computes x^(2^y) twice by squaring y times and divides the two (the answer is 1);
n tasks run per measurement. Prints CSV to stdout (scenario, executor, workers, repetition,
seconds) and progress to stderr. On a free-threaded build (python3.13t and later) the GIL is
off unless something turned it on; the executor column says which it was.
Standard library only, Python 3.8+.

    python3 gil_threads.py --y 22 --n 3 --workers 1 2 3 --warmups 1 --repetitions 3
"""
import argparse
import platform
import sys
import time
from concurrent.futures import ThreadPoolExecutor


def power(x, y):
    a = x
    for _ in range(y):
        a = a * a
    return a


def ratio(x, y):
    return power(x, y) // power(x, y)


def gil_enabled():
    check = getattr(sys, "_is_gil_enabled", None)  # Python 3.13+
    return True if check is None else bool(check())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--x", type=int, default=2)
    parser.add_argument("--y", type=int, default=20)
    parser.add_argument("--n", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--warmups", type=int, default=1)
    parser.add_argument("--repetitions", type=int, default=3)
    args = parser.parse_args()
    if args.x < 1 or args.y < 0 or args.n < 1 or args.warmups < 0 or args.repetitions < 1 \
            or min(args.workers) < 1:
        parser.error("need x >= 1, y >= 0, n >= 1, workers >= 1, warmups >= 0, repetitions >= 1")

    label = "Python %s threads (GIL %s)" % (platform.python_version(), "on" if gil_enabled() else "off")
    print("scenario,executor,workers,repetition,seconds")
    for workers in args.workers:
        for run in range(args.warmups + args.repetitions):
            start = time.perf_counter()
            with ThreadPoolExecutor(max_workers=workers) as pool:
                results = list(pool.map(lambda _: ratio(args.x, args.y), range(args.n)))
            seconds = time.perf_counter() - start
            if results != [1] * args.n:
                raise SystemExit("x^(2^y) // x^(2^y) should be 1 for every task, got %r" % results[:3])
            warm = run < args.warmups
            print("%s, %d worker(s), %s %d: %.3f s" % (label, workers, "warm-up" if warm else "run",
                  run + 1 if warm else run - args.warmups + 1, seconds), file=sys.stderr)
            if not warm:
                print("pattern 1,%s,%d,%d,%.6f" % (label, workers, run - args.warmups + 1, seconds))


if __name__ == "__main__":
    main()
