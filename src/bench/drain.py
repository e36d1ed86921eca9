"""Drain benchmark for a Celeriac worker, by the method of ../../../shared/peers/common/drain.py, so that the
figures compare with the peers': N messages already in the queue are moved aside, the worker is started and
timed to its ready line, its RSS is read, the messages are moved back, and the queue plus the worker's in-flight
hash are polled every 5 ms until empty. Also measures, over the drain, the worker's CPU time per task and Redis
commands per task (INFO commandstats delta, less the commands this script sends to watch the drain). Prints one
JSON line.

Usage: drain.py --label L -- worker command...
"""
import argparse, json, os, re, signal, subprocess, time
import redis

ap = argparse.ArgumentParser()
ap.add_argument("--url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6390/0"))
ap.add_argument("--label", required=True)
ap.add_argument("--log", default="target/bench-worker.log")
ap.add_argument("cmd", nargs=argparse.REMAINDER)
a = ap.parse_args()
cmd = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd
r = redis.Redis.from_url(a.url)
READY, HOLD = "celeriac:{bench}:ready", "celeriac:{bench}:hold"


def rss_mb(pid):
    try:
        return int(next(l for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS")).split()[1]) / 1024
    except (OSError, StopIteration):
        return 0.0


own = 0  # commands this script sends while counting, subtracted from the worker's


def cpu_s(pid):
    """User plus system CPU seconds the process has used."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def commands():
    global own
    own += 1  # the INFO itself
    return sum(v["calls"] for k, v in r.info("commandstats").items())


def in_flight():
    global own
    total, cursor = 0, 0
    while True:
        cursor, keys = r.scan(cursor, match="celeriac:{bench}:inflight:*")
        own += 1 + len(keys)
        total += sum(r.hlen(k) for k in keys)
        if cursor == 0:
            return total


def queued():
    global own
    own += 1
    return r.llen(READY)


n = r.llen(READY)
r.rename(READY, HOLD)
log = open(a.log, "w+")
t0 = time.monotonic()
worker = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
while True:
    log.seek(0)
    if "WORKER READY" in log.read():
        break
    if worker.poll() is not None:
        raise SystemExit("worker exited: " + open(a.log).read())
    time.sleep(0.005)
startup = time.monotonic() - t0
time.sleep(0.5)
idle = rss_mb(worker.pid)
before = commands()
own = 0
cpu_before = cpu_s(worker.pid)
t1 = time.monotonic()
r.rename(HOLD, READY)
own += 1
while queued() or in_flight():
    time.sleep(0.005)
drain = time.monotonic() - t1
cpu = cpu_s(worker.pid) - cpu_before
per_task = (commands() - before - own) / n
after = rss_mb(worker.pid)
worker.send_signal(signal.SIGTERM)
try:
    worker.wait(20)
except subprocess.TimeoutExpired:
    worker.kill()
print(json.dumps({"label": a.label, "n": n, "startup_s": round(startup, 3), "drain_s": round(drain, 3),
                  "drain_rate": round(n / drain), "redis_commands_per_task": round(per_task, 2),
                  "worker_cpu_us_per_task": round(cpu * 1e6 / n, 1),
                  "rss_idle_mb": round(idle, 1), "rss_after_mb": round(after, 1)}), flush=True)
