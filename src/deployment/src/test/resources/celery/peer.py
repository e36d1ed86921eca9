"""A Python Celery application that Celeriac's compatibility tests talk to.

Redis URL from CELERIAC_TEST_REDIS. The worker consumes the queues given with -Q.
"""
import os
import time

import redis
from celery import Celery

REDIS_URL = os.environ["CELERIAC_TEST_REDIS"]

app = Celery("peer", broker=REDIS_URL, backend=REDIS_URL)
app.conf.update(
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    result_extended=True,
    task_acks_late=True,
    worker_prefetch_multiplier=1,
    broker_connection_retry_on_startup=True,
)

counter = redis.Redis.from_url(REDIS_URL)


@app.task(name="py.multiply")
def multiply(a, b):
    return a * b


@app.task(name="py.greet")
def greet(name, greeting="Hello"):
    return {"text": f"{greeting}, {name}", "lang": "python"}


@app.task(name="py.fail")
def fail(message):
    raise ValueError(message)


@app.task(name="shared.work")
def shared_work(n):
    """Also defined in Java: whichever worker takes it counts the execution."""
    counter.incr(f"shared:executions:{n}")
    counter.rpush("shared:by", "python")
    time.sleep(0.05)
    return n
