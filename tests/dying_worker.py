"""A worker handle whose module cannot be imported in the worker: the worker dies before it is ready."""

import multiprocessing

if multiprocessing.current_process().name != "MainProcess":  # set before a spawned worker unpickles its task
    raise SystemExit("this worker dies while starting, as a broken install would make it")


def handle(request):
    return request
