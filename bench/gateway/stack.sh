#!/usr/bin/env bash
# Starts stand-in services (BenchUpstream) and the built gateway in front of them, with a fresh
# RSA key pair and an admin token. Sourced by bench/gateway/run.sh and gateway/src/test/browser/run.sh.
#   start_stack   -> sets GATEWAY_URL, TOKEN, UPSTREAM_URL (the incident stand-in), STACK_DIR
#   stop_stack    -> stops what start_stack started
set -euo pipefail

GATEWAY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../gateway" && pwd)"
BENCH_GATEWAY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GATEWAY_PORT="${GATEWAY_PORT:-18080}"
# the packaged gateway to run (another build, e.g. a copy made before a change, can be compared)
GATEWAY_APP="${GATEWAY_APP:-$GATEWAY_DIR/target/quarkus-app}"
STACK_PIDS=()

b64url() { openssl base64 -e -A | tr '+/' '-_' | tr -d '='; }

wait_for() { # url, seconds
  local url="$1" deadline=$((SECONDS + $2))
  until curl -fs -o /dev/null "$url"; do
    if (( SECONDS > deadline )); then echo "timed out waiting for $url" >&2; return 1; fi
    sleep 0.5
  done
}

start_stack() {
  local jar="$GATEWAY_APP/quarkus-run.jar"
  [[ -f "$jar" ]] || { echo "build the gateway first: ./mvnw -B -pl gateway package -DskipTests" >&2; return 1; }
  STACK_DIR="$(mktemp -d /tmp/itsm-gateway-bench.XXXXXX)"
  local issuer="https://itsm.bench/issuer"
  openssl genrsa -out "$STACK_DIR/private.pem" 2048 2>/dev/null
  openssl rsa -in "$STACK_DIR/private.pem" -pubout -out "$STACK_DIR/public.pem" 2>/dev/null
  local now header payload signature
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"iss":"%s","sub":"bench","upn":"bench","aud":"itsm","groups":["itsm-admin"],"iat":%d,"exp":%d}' \
    "$issuer" "$now" $((now + 43200)) | b64url)
  signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$STACK_DIR/private.pem" -binary | b64url)
  TOKEN="$header.$payload.$signature"

  java -cp "$GATEWAY_APP/lib/main/*" "$BENCH_GATEWAY_DIR/BenchUpstream.java" \
    incident:18181 change:18182 catalog:18183 sla:18184 request:18185 problem:18186 monitoring:18187 webhook:18188 > "$STACK_DIR/upstreams.log" 2>&1 &
  STACK_PIDS+=($!)
  UPSTREAM_URL="http://127.0.0.1:18181"
  for port in 18181 18182 18183 18184 18185 18186 18187 18188; do wait_for "http://127.0.0.1:$port/q/health/ready" 120; done

  ITSM_HTTP_PORT="$GATEWAY_PORT" \
  ITSM_UPSTREAM_INCIDENT_URL=http://127.0.0.1:18181 ITSM_UPSTREAM_CHANGE_URL=http://127.0.0.1:18182 \
  ITSM_UPSTREAM_CATALOG_URL=http://127.0.0.1:18183 ITSM_UPSTREAM_SLA_URL=http://127.0.0.1:18184 \
  ITSM_UPSTREAM_REQUEST_URL=http://127.0.0.1:18185 ITSM_UPSTREAM_PROBLEM_URL=http://127.0.0.1:18186 \
  ITSM_UPSTREAM_MONITORING_URL=http://127.0.0.1:18187 \
  ITSM_UPSTREAM_WEBHOOK_URL=http://127.0.0.1:18188 \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="$STACK_DIR/public.pem" MP_JWT_VERIFY_ISSUER="$issuer" \
  ITSM_RATE_LIMIT="${ITSM_RATE_LIMIT:-1000000000}" \
    java -Xmx512m ${GATEWAY_JAVA_OPTS:-} -jar "$jar" > "$STACK_DIR/gateway.log" 2>&1 &
  STACK_PIDS+=($!)
  GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT"
  wait_for "$GATEWAY_URL/q/health/ready" 120
  export GATEWAY_URL TOKEN UPSTREAM_URL STACK_DIR
}

stop_stack() {
  for pid in "${STACK_PIDS[@]:-}"; do
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${STACK_PIDS[@]:-}"; do
    [[ -n "$pid" ]] && wait "$pid" 2>/dev/null || true
  done
  STACK_PIDS=()
}
