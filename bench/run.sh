#!/usr/bin/env bash
# Benchmarks of the whole suite next to their physical references; writes bench/RESULTS.md and bench/raw/ (a full run
# replaces what the last full run wrote there and keeps the folders with their own RESULTS.md or README.md).
#   bench/run.sh               full run (about 40 minutes on 2 cores with all ten sections, plus the build)
#   bench/run.sh --quick       smoke run: short durations, small data sets (a few minutes)
#   bench/run.sh --no-itsm-up  skip timing `./itsm up` at the end (it needs ports 8080-8084, 8088, 5432, 9092 free)
#   bench/run.sh --only write    section 1 (POST /api/v1/incidents at saturation through the gateway and direct, next to
#                              pgbench running the same transaction; CPU per incident per process) alone on a fresh
#                              stack; writes bench/raw/write/ (RESULTS.md, run.log, the wrk and pgbench output)
#   bench/run.sh --only gateway  section 2 (GET through the gateway, direct and through nginx; proxy CPU per request)
#                              alone on a fresh stack; writes bench/raw/gateway/
#   bench/run.sh --only read     section 4 (read path at 1,000,000 incidents: pages, cursor walk, summary, text search,
#                              changes feed through the gateway next to pgbench running the same SQL) alone on a fresh
#                              stack; writes bench/raw/read/ (RESULTS.md, run.log, the wrk and pgbench output)
#   bench/run.sh --only sla      section 5's breach lag (probe timers' due time to SlaBreached on the topic, split into
#                              detection, relay and read, with 100,000 and 1,000,000 running timers; no JMH) alone on
#                              a fresh stack; writes bench/raw/sla/
#   bench/run.sh --only webhook  section 7 (webhook delivery: deliveries/s to a local receiver, latency from the
#                              record's Kafka timestamp to the receiver's 2xx next to a plain Kafka consumer's) alone
#                              on a fresh stack, a few minutes (add --quick for a smoke run); writes
#                              bench/raw/webhook/RESULTS.md and leaves bench/RESULTS.md alone
#   bench/run.sh --only problem  section 8 (problem management: incidents/s and the time from a CI's third incident
#                              to ProblemCandidateDetected through the gateway, known-error search p50/p99 over ~1,000
#                              known errors) alone on a fresh stack, then problem-service's in-process detection
#                              benchmark over 100,000 incidents (the test classes tagged `benchmark` in problem-service);
#                              writes bench/raw/problem/ (RESULTS.md, run.log, detection-benchmark.txt)
#   bench/run.sh --only request  section 9 (service requests: POST /api/v1/requests through the gateway as a requester,
#                              requests/s and p50/p99 for an offering without approval levels and one with the sponsor's
#                              budget level, burst and paced, and the time from submit to ServiceRequestSubmitted on
#                              itsm.request.events) alone on a fresh stack; writes bench/raw/request/ (RESULTS.md,
#                              run.log, service-requests.txt)
#   bench/run.sh --only monitoring  section 10 (monitoring: Alertmanager v4 webhooks through the gateway as an
#                              itsm-event-source, 50 alerts each with 95 % repeats — accepted alerts/s and p50/p99 per
#                              webhook, burst and at the 5,000 alerts/s target, the intake queue's drain time; the time
#                              from a first alert to AlertGroupOpened and to IncidentOpened; the storm: 10,000 alerts on
#                              one failing database CI and its dependents, the alert groups and the incidents with that
#                              alertGroupId counted, exactly one each) alone on a fresh stack; writes bench/raw/monitoring/
#                              (RESULTS.md, run.log, monitoring.txt)
#   bench/run.sh --components  instead: each service's in-process benchmarks (tests tagged `benchmark` next to
#                              the code they measure, excluded from `./mvnw verify`) and the gateway's proxy
#                              benchmark (bench/gateway/run.sh); output in bench/raw/components/
# Needs Java 17+; installs wrk, nginx and postgresql-client (pgbench, pg_dump, psql) from Debian if missing.
# Benchmarks are not tests: nothing here fails on a timing, and `./mvnw verify` never runs them.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
{ command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; } || missing+=(nginx)
{ command -v pgbench >/dev/null 2>&1 && command -v pg_dump >/dev/null 2>&1 && command -v psql >/dev/null 2>&1; } \
  || missing+=(postgresql-client)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing ${missing[*]} (Debian packages)"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
java_major=$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ -z "$java_major" ] || [ "${java_major%%.*}" -lt 17 ]; then
  echo "Java 17 or newer is needed (found: ${java_major:-none})." >&2; exit 1
fi

mkdir -p bench/target
echo "==> building the suite (with AppCDS archives, as ./itsm does) and the benchmark driver (log: bench/target/build.log)"
if ! ./mvnw -B -DskipTests -Dquarkus.package.jar.appcds.enabled=true install > bench/target/build.log 2>&1; then
  tail -40 bench/target/build.log >&2; echo "build failed; see bench/target/build.log" >&2; exit 1
fi
touch deploy/target/.built   # ./itsm up (timed at the end) must not rebuild what was just built

if [[ " $* " == *" --components "* ]]; then
  mkdir -p bench/raw/components
  for module in catalog-service incident-service sla-service change-service problem-service; do
    echo "==> $module: in-process benchmarks (bench/raw/components/$module.txt)"
    ./mvnw -B -pl "$module" test -Dgroups=benchmark -DexcludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false \
      > "bench/raw/components/$module.txt" 2>&1 || echo "    $module: benchmark run failed; see the file" >&2
    grep -vE '^\[(INFO|WARNING|ERROR)\]|^(Downloading|Downloaded)' "bench/raw/components/$module.txt" | tail -40 || true
  done
  echo "==> gateway: proxy overhead against nginx (bench/raw/components/gateway.txt)"
  bench/gateway/run.sh 2>&1 | tee bench/raw/components/gateway.txt || echo "    gateway benchmark failed" >&2
  exit 0
fi

mkdir -p bench/target/tmp bench/target/stack/logs
set +e
# The stack under load runs the throughput JVM profile (C2): the write, gateway and read tables measure what a
# server spends per request. The footprint table's ./itsm up run uses the default small profile, as a user gets it.
ITSM_JVM_PROFILE=throughput "$java_bin" -Xmx1g \
  -Dorg.slf4j.simpleLogger.logFile="$root/bench/target/stack/logs/kafka.log" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=info \
  -Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory \
  -Djava.io.tmpdir="$root/bench/target/tmp" \
  -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  dev.itsm.bench.Bench "$root" "$@" 2>&1 | tee bench/target/run.log
status=${PIPESTATUS[0]}
set -e
if [[ " $* " == *" --only "* ]]; then
  only=$(sed -n 's/.*--only \([a-z]*\).*/\1/p' <<< " $* ")
  mkdir -p "bench/raw/$only" && cp bench/target/run.log "bench/raw/$only/run.log"
  if [ "$only" = problem ]; then
    # candidate detection over 100,000 incidents: opening them through the API would take the whole run, so it is
    # problem-service's own benchmark (the replica seeded by SQL, the detector called in-process) that measures it
    benchmarks=$(grep -rlE '@Tag\("benchmark"\)' problem-service/src/test/java 2>/dev/null | xargs -r -n1 basename \
      | sed 's/\.java$//' | paste -sd, -)
    if [ -z "$benchmarks" ]; then
      echo "    problem-service has no test tagged benchmark yet" | tee "bench/raw/problem/detection-benchmark.txt"
    else
      echo "==> problem-service: in-process detection benchmark $benchmarks (bench/raw/problem/detection-benchmark.txt)"
      ./mvnw -B -o verify -pl problem-service -Dgroups=benchmark -DexcludedGroups=none -Dtest="$benchmarks" \
        -Dsurefire.failIfNoSpecifiedTests=false > bench/raw/problem/detection-benchmark.txt 2>&1 \
        || { echo "    the detection benchmark failed; see bench/raw/problem/detection-benchmark.txt" >&2; status=1; }
      # the benchmark prints its table to stdout, which surefire keeps in the class's -output.txt: append it
      for out in problem-service/target/surefire-reports/*Benchmark*-output.txt; do
        [ -f "$out" ] && sed -n '/^candidate detection benchmark/,$p' "$out"
      done | tee -a bench/raw/problem/detection-benchmark.txt || true
    fi
  fi
else
  mkdir -p bench/raw && cp bench/target/run.log bench/raw/run.log
fi
exit "$status"
