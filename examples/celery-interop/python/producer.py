"""Python calls the Java tasks: prints one JSON line per call.

CELERIAC_REDIS=redis://127.0.0.1:6390 /usr/bin/python3 python/producer.py
"""
import json

from reports import app

lines = [{"item": "celeriac", "quantity": 3, "price": 1.25}, {"item": "leek", "quantity": 2, "price": 0.8}]
total = app.send_task("invoices.total", args=[lines], kwargs={"currency": "EUR"}, queue="celery")
print(json.dumps({"call": "invoices.total", "result": total.get(timeout=30)}), flush=True)

bad = app.send_task("invoices.validate", args=["nonsense"], queue="celery")
try:
    bad.get(timeout=30)
    print(json.dumps({"call": "invoices.validate", "result": "unexpected success"}), flush=True)
except Exception as e:
    print(json.dumps({"call": "invoices.validate", "error_type": type(e).__name__, "error": str(e)}), flush=True)
