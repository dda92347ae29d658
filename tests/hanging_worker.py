"""A worker handle whose module hangs on import in the worker: the worker never says it is ready."""

import multiprocessing
import time

if multiprocessing.current_process().name != "MainProcess":  # set before a spawned worker unpickles its task
    time.sleep(600)


def handle(request):
    return request
