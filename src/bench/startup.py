"""Worker start-up to ready, and idle RSS, for a worker command: median of RUNS starts. Prints one JSON line.

Usage: startup.py --label L --runs 5 -- worker command...
"""
import argparse, json, signal, statistics, subprocess, time

ap = argparse.ArgumentParser()
ap.add_argument("--label", required=True)
ap.add_argument("--runs", type=int, default=5)
ap.add_argument("--ready", default="WORKER READY")
ap.add_argument("cmd", nargs=argparse.REMAINDER)
a = ap.parse_args()
cmd = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd


def rss_mb(pid):
    return int(next(l for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS")).split()[1]) / 1024


starts, rss = [], []
for _ in range(a.runs):
    t0 = time.monotonic()
    worker = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in worker.stdout:
        if a.ready in line:
            break
    starts.append(time.monotonic() - t0)
    time.sleep(1.0)
    rss.append(rss_mb(worker.pid))
    worker.send_signal(signal.SIGTERM)
    worker.wait(30)
print(json.dumps({"label": a.label, "runs": a.runs, "ready_s_median": round(statistics.median(starts), 3),
                  "ready_s_min": round(min(starts), 3), "rss_idle_mb_median": round(statistics.median(rss), 1)}))
