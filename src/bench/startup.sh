#!/usr/bin/env bash
# Worker start-up and idle RSS: plain JVM jar, JVM with a JDK AOT cache (JEP 483/514, JDK 24+), and a small heap.
#   src/bench/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")"
RUNS=${1:-5}
PY=/usr/bin/python3
JAR=target/quarkus-app/quarkus-run.jar
redis-cli -p 6390 ping >/dev/null || { echo "start Redis on 6390 first (run.sh does)"; exit 2; }
[ -f $JAR ] || (cd ../.. && ./mvnw -B -q -pl src/bench -am package -DskipTests)
JAVA=$(. ../../.mvn/select-jdk.sh >/dev/null 2>&1; echo "${JAVA_HOME:-}/bin/java")
WORKER=(-Dceleriac.worker.enabled=true -Dceleriac.worker.concurrency=16)
echo "# $(date -u +%FT%TZ) $(nproc) cores, $("$JAVA" -version 2>&1 | head -1)"
$PY startup.py --label "plain JVM" --runs "$RUNS" -- "$JAVA" "${WORKER[@]}" -jar $JAR
$PY startup.py --label "plain JVM, -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1" --runs "$RUNS" -- \
  "$JAVA" -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "${WORKER[@]}" -jar $JAR
# AppCDS, the route Quarkus falls back to on JDK 21 (quarkus.package.jar.appcds): a dynamic archive written at the
# exit of a training run, then mapped at start. Measured on this JDK, as no JDK 21 is installable here.
train() { # train ARCHIVE_FLAG LOG: start the worker with the flag, run 2000 tasks through it, stop it
  "$JAVA" "$1" "${WORKER[@]}" -jar $JAR > "$2" 2>&1 &
  local pid=$!
  until grep -q "WORKER READY" "$2"; do sleep 0.1; done
  "$JAVA" -Dbench.scenario=fill -Dbench.n=2000 -Dbench.task=bench.noop -jar $JAR >/dev/null
  sleep 3; kill $pid; wait $pid || true
}
rm -f target/worker.jsa
train -XX:ArchiveClassesAtExit=target/worker.jsa target/appcds-training.log
$PY startup.py --label "JVM + AppCDS archive (JDK 21 route)" --runs "$RUNS" -- \
  "$JAVA" -XX:SharedArchiveFile=target/worker.jsa "${WORKER[@]}" -jar $JAR
if "$JAVA" -XX:AOTCacheOutput=/dev/null -version >/dev/null 2>&1; then
  # Training run: start the worker, let it run a few tasks, stop it; the JVM writes the cache at exit.
  rm -f target/worker.aot
  train -XX:AOTCacheOutput=target/worker.aot target/aot-training.log
  $PY startup.py --label "JVM + AOT cache" --runs "$RUNS" -- "$JAVA" -XX:AOTCache=target/worker.aot "${WORKER[@]}" -jar $JAR
  $PY startup.py --label "JVM + AOT cache, -Xmx64m -XX:+UseSerialGC" --runs "$RUNS" -- \
    "$JAVA" -XX:AOTCache=target/worker.aot -Xmx64m -XX:+UseSerialGC "${WORKER[@]}" -jar $JAR
else
  echo "# this JDK has no AOT cache (JDK 24+ needed): skipped"
fi
