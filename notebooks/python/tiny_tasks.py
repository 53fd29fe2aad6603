"""Many tiny tasks on asyncio: the cost of handing out and collecting one task.

The same loop as the Java library's TinyTasks.onEventLoop: tasks created and gathered in
batches of 100,000; each task takes a permit of an asyncio.Semaphore(max_workers), computes
x^(2^0) // x^(2^0) (which is 1) and releases it. Prints CSV on standard output
(run,n,seconds,us_per_task), one row per timed run after one warm-up run; progress on
standard error. Standard library only, Python 3.8+.

    python3 tiny_tasks.py -n 3000000 --repetitions 3
"""
import argparse
import asyncio
import sys
import time

BATCH = 100_000


def too_slow_function(x, y):
    for _ in range(y):
        x *= x
    return x


async def tiny(semaphore, x, y):
    async with semaphore:
        return too_slow_function(x, y) // too_slow_function(x, y)


async def run_batches(n, max_workers):
    semaphore = asyncio.Semaphore(max_workers)
    total = 0
    for start in range(0, n, BATCH):
        size = min(BATCH, n - start)
        results = await asyncio.gather(*[asyncio.ensure_future(tiny(semaphore, 2, 0)) for _ in range(size)])
        total += sum(results)
    return total


def timed_run(n, max_workers):
    start = time.perf_counter()
    total = asyncio.run(run_batches(n, max_workers))
    seconds = time.perf_counter() - start
    if total != n:
        raise SystemExit(f"expected {n} results of 1, got a sum of {total}")
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=3_000_000, help="number of tasks (default: 3,000,000)")
    parser.add_argument("--max-workers", type=int, default=5, help="semaphore permits (default: 5)")
    parser.add_argument("--repetitions", type=int, default=1, help="timed runs after the warm-up (default: 1)")
    args = parser.parse_args()
    if args.n < 1:
        parser.error(f"-n must be at least 1, got {args.n}")
    if args.max_workers < 1:
        parser.error(f"--max-workers must be at least 1, got {args.max_workers}")
    if args.repetitions < 1:
        parser.error(f"--repetitions must be at least 1, got {args.repetitions}")

    warmup = min(args.n, BATCH)
    print(f"asyncio warm-up: {warmup} tasks", file=sys.stderr)
    timed_run(warmup, args.max_workers)
    print("run,n,seconds,us_per_task")
    for run in range(1, args.repetitions + 1):
        seconds = timed_run(args.n, args.max_workers)
        print(f"asyncio run {run}/{args.repetitions}: {seconds:.3f} s", file=sys.stderr)
        print(f"{run},{args.n},{seconds:.6f},{seconds / args.n * 1e6:.4f}")


if __name__ == "__main__":
    main()
