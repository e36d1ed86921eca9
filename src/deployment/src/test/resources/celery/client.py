"""Runs Celery client calls against Java tasks and prints one JSON line per call: {"call", "ok", "value"|"error"}.

Usage: client.py <scenario>
"""
import json
import sys
from datetime import datetime, timedelta, timezone

from peer import app

TIMEOUT = 30


def run(name, send):
    try:
        result = send()
        value = result.get(timeout=TIMEOUT)
        print(json.dumps({"call": name, "ok": True, "value": value, "id": result.id,
                          "date_done": str(result.date_done)}), flush=True)
    except Exception as e:  # the exception's type and message are what the test checks
        print(json.dumps({"call": name, "ok": False, "type": type(e).__name__, "error": str(e)}), flush=True)


scenario = sys.argv[1]
if scenario == "calls-java":
    run("args", lambda: app.send_task("compat.add", args=[2, 3], queue="celery"))
    run("kwargs", lambda: app.send_task("compat.add", args=[2], kwargs={"b": 40}, queue="celery"))
    run("record", lambda: app.send_task("compat.describe", kwargs={"name": "Ada", "tags": ["x", "y"]},
                                        queue="celery"))
    sent = datetime.now(timezone.utc)
    run("countdown", lambda: app.send_task("compat.now", countdown=2, queue="celery"))
    print(json.dumps({"call": "countdown-sent", "ok": True, "value": sent.isoformat()}), flush=True)
    eta = datetime.now(timezone.utc) + timedelta(seconds=2)
    run("eta", lambda: app.send_task("compat.now", eta=eta, queue="celery"))
    print(json.dumps({"call": "eta-requested", "ok": True, "value": eta.isoformat()}), flush=True)
    run("expired", lambda: app.send_task("compat.now", countdown=2,
                                         expires=datetime.now(timezone.utc) + timedelta(seconds=1),
                                         queue="celery"))
    run("failure", lambda: app.send_task("compat.fail", args=["bad input"], queue="celery"))
else:
    raise SystemExit("unknown scenario " + scenario)
