"""Pattern 3, global state after submission, in Python: the companion of notebook 06.

Rounds of 1, 2 and 3 tasks sleep a little, then return the module's global value; right after
submitting round r, the main program sets the global to r. Threads share the global and read
1, 2, 2, 3, 3, 3. A worker process reads its own copy, and which copy depends on how it was
started: "spawn" and "forkserver" workers import this module afresh (value 0), while a "fork"
worker is a copy of the parent's memory at the moment the worker was forked.

--preset V sets the global to V after the pool was created but before the first submission, so
the output shows when fork workers took their copy.

Results go to standard output as CSV, one row per value read:
    language,executor,start_method,before_first_submit,round,task,value
where before_first_submit is "unchanged" or "set to V" (with --preset V), and progress goes to standard error. Standard library only, Python 3.8 or newer.

    python3 pattern3.py --executor thread process --start-method fork spawn --preset 7
    python3 pattern3.py --start-method all       (every start method this platform offers)
"""

import argparse
import multiprocessing
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

global_value = 0

ROUNDS = (1, 2, 3)


def read_global_after_sleep(seconds):
    time.sleep(seconds)
    return global_value


def run_rounds(executor, sleep, preset):
    """Returns [(round, task, value)] for one executor; resets the global first."""
    global global_value
    global_value = 0
    rows = []
    with executor:
        if preset is not None:
            global_value = preset  # after the pool exists, before any task was submitted
        for rnd in ROUNDS:
            futures = [executor.submit(read_global_after_sleep, sleep) for _ in range(rnd)]
            global_value = rnd  # the change this pattern is about: after submission
            for task, future in enumerate(futures, start=1):
                rows.append((rnd, task, future.result()))
    return rows


def positive_int(text):
    value = int(text)
    if value < 1 or value > 64:
        raise argparse.ArgumentTypeError("must be between 1 and 64, got %s" % text)
    return value


def sleep_seconds(text):
    value = float(text)
    if not 0.0 <= value <= 10.0:
        raise argparse.ArgumentTypeError("must be between 0 and 10 seconds, got %s" % text)
    return value


def main():
    parser = argparse.ArgumentParser(description="Pattern 3: a global changed after submission.",
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--executor", nargs="+", choices=["thread", "process"], default=["thread", "process"])
    parser.add_argument("--start-method", nargs="+", default=["default"],
                        help="for process pools: default, all, or any of %s"
                             % ", ".join(multiprocessing.get_all_start_methods()))
    parser.add_argument("--max-workers", type=positive_int, default=5)
    parser.add_argument("--sleep", type=sleep_seconds, default=0.1, help="seconds each task sleeps")
    parser.add_argument("--preset", type=int, default=None,
                        help="set the global to this value after creating the pool, before the first submission")
    args = parser.parse_args()

    available = multiprocessing.get_all_start_methods()
    if "all" in args.start_method:
        args.start_method = available
    for method in args.start_method:
        if method != "default" and method not in available:
            parser.error("start method '%s' is not available here; available: %s" % (method, ", ".join(available)))

    preset_text = "unchanged" if args.preset is None else "set to %d" % args.preset
    print("language,executor,start_method,before_first_submit,round,task,value")
    for kind in args.executor:
        if kind == "thread":
            configs = [("none", lambda: ThreadPoolExecutor(max_workers=args.max_workers))]
        else:
            configs = []
            for method in args.start_method:
                name = multiprocessing.get_start_method() if method == "default" else method
                context = multiprocessing.get_context(name)
                configs.append((name, lambda c=context: ProcessPoolExecutor(max_workers=args.max_workers,
                                                                           mp_context=c)))
        for method, make in configs:
            print("python %s: %s pool, start method %s" % (sys.version.split()[0], kind, method), file=sys.stderr)
            for rnd, task, value in run_rounds(make(), args.sleep, args.preset):
                print("python,%s,%s,%s,%d,%d,%d" % (kind, method, preset_text, rnd, task, value))


if __name__ == "__main__":
    main()
