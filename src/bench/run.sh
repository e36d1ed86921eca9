#!/usr/bin/env bash
# Celeriac benchmarks against one local Redis on port 6390 (the port ../../../shared/peers uses), then,
# with --peers, the peers' own interleaved pass on the same Redis. Results: JSON lines on stdout.
#   src/bench/run.sh [--peers] [N_SMALL] [N_LARGE]
set -euo pipefail
cd "$(dirname "$0")"
PEERS=false; [ "${1:-}" = "--peers" ] && { PEERS=true; shift; }
N=${1:-20000}; N_LARGE=${2:-200000}
PY=/usr/bin/python3
PORT=6390
JAR=target/quarkus-app/quarkus-run.jar

if ! redis-cli -p $PORT ping >/dev/null 2>&1; then
  mkdir -p target/redis-data
  redis-server --bind 127.0.0.1 --port $PORT --save "" --appendonly no --daemonize yes \
    --dir "$PWD/target/redis-data" --pidfile "$PWD/target/redis-data/redis.pid"
  sleep 0.5
fi
(cd ../.. && ./mvnw -B -q -pl src/bench -am package -DskipTests)
JAVA=$(. ../../.mvn/select-jdk.sh >/dev/null 2>&1; echo "${JAVA_HOME:-}/bin/java")
[ -x "$JAVA" ] || JAVA=java
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(redis-server --version | cut -d' ' -f3), $("$JAVA" -version 2>&1 | head -1)"

driver() { "$JAVA" -Dbench.scenario="$1" -Dbench.n="$2" -Dbench.task="${3:-bench.noop}" -jar $JAR; }

redis-cli -p $PORT flushdb >/dev/null
driver enqueue "$N"
driver enqueue "$N_LARGE"  # a batched run of N_SMALL lasts ~0.1 s, partly JIT; this one lasts ~1 s
for task in bench.noop-quiet bench.noop; do
  for c in 1 16 128; do
    for n in "$N" "$N_LARGE"; do
      redis-cli -p $PORT flushdb >/dev/null
      driver fill "$n" "$task" >/dev/null
      $PY drain.py --label "drain $task c$c" -- "$JAVA" -Dceleriac.worker.enabled=true \
        -Dceleriac.worker.concurrency=$c -jar $JAR
    done
  done
done
redis-cli -p $PORT flushdb >/dev/null
"$JAVA" -Dceleriac.worker.enabled=true -Dceleriac.worker.concurrency=16 -jar $JAR > target/roundtrip-worker.log 2>&1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true' EXIT
until grep -q "WORKER READY" target/roundtrip-worker.log; do sleep 0.05; done
driver roundtrip 2000  # after 2000 warm-up calls (bench.warmup, the default), both JVMs still compiling
"$JAVA" -Dbench.scenario=roundtrip -Dbench.n=5000 -Dbench.warmup=15000 -jar $JAR  # steady state: JIT done
kill $WORKER; wait $WORKER 2>/dev/null || true

if $PEERS; then
  echo "# peers (../../../shared/peers/interleaved.sh $N) on the same Redis"
  redis-cli -p $PORT flushdb >/dev/null
  ../../../shared/peers/interleaved.sh "$N" 2>&1
  (cd ../../../shared/peers/celery && ./roundtrip.sh 1 2000 2>&1 | tail -1) || true
fi
