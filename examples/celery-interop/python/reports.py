"""The Python side: a Celery application with one task that Java calls.

Run a worker:  CELERIAC_REDIS=redis://127.0.0.1:6390 /usr/bin/python3 -m celery -A reports worker -Q reports
"""
import os

from celery import Celery

REDIS = os.environ.get("CELERIAC_REDIS", "redis://127.0.0.1:6390")

app = Celery("reports", broker=REDIS, backend=REDIS)
app.conf.update(task_serializer="json", result_serializer="json", accept_content=["json"],
                broker_connection_retry_on_startup=True)


@app.task(name="reports.render")
def render(title, pages):
    return {"title": title.upper(), "pages": pages, "renderedBy": "python"}
