#!/usr/bin/env bash
# Benchmark: the same GET directly against a (stand-in) service, through nginx as a plain reverse
# proxy, and through the gateway (JWT check, rate limiter, role rules, streaming proxy).
# Needs: wrk and nginx (Debian: apt-get install -y wrk nginx), openssl, curl, a built gateway
# (./mvnw -B -pl gateway package -DskipTests). Usage: bench/gateway/run.sh [seconds] [connections]
# Environment: WARMUP (s, default 30; give the JIT longer on a busy machine), GATEWAY_APP (another
# packaged gateway, e.g. a copy of gateway/target/quarkus-app made before a change), GATEWAY_JAVA_OPTS.
# The gateway's CPU per request is also shown without its JIT compiler threads (C1/C2): compilation
# still running after the warm-up is start-up cost, not the cost of a proxied request.
set -euo pipefail
cd "$(dirname "$0")"
source ./stack.sh

DURATION="${1:-15}"
CONNECTIONS="${2:-32}"
# the JVMs (stand-in service and gateway) need their JIT warm; on a busy machine that takes a while
WARMUP="${WARMUP:-30}"
THREADS="${THREADS:-2}"
NGINX_PORT="${NGINX_PORT:-18090}"
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install -y wrk)"; exit 1; }
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[[ -x "$NGINX" ]] || { echo "nginx is missing (apt-get install -y nginx)"; exit 1; }

NGINX_PID=""
cleanup() {
  [[ -n "$NGINX_PID" ]] && kill "$NGINX_PID" 2>/dev/null || true
  stop_stack
}
trap cleanup EXIT

start_stack

mkdir -p "$STACK_DIR/nginx/logs"
cat > "$STACK_DIR/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $STACK_DIR/nginx/nginx.pid;
error_log $STACK_DIR/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream incident { server 127.0.0.1:18181; keepalive 64; }
  server {
    listen $NGINX_PORT;
    location / {
      proxy_pass http://incident;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
    }
  }
}
CONF
"$NGINX" -p "$STACK_DIR/nginx" -c "$STACK_DIR/nginx/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
wait_for "http://127.0.0.1:$NGINX_PORT/q/health/ready" 30

PATH_UNDER_TEST="/api/v1/incidents/7c1e5b6a-8f3e-4b2a-9d51-0f4c2e8a1b77"
AUTH="Authorization: Bearer $TOKEN"
status=$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" "$GATEWAY_URL$PATH_UNDER_TEST")
[[ "$status" == 200 ]] || { echo "gateway answered $status"; cat "$STACK_DIR/gateway.log"; exit 1; }

to_ms() { # wrk latency like 512.00us / 1.23ms / 1.01s -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

cpu_ticks() { # pids... -> user+system clock ticks
  local total=0 pid
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] && total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
  done
  echo "$total"
}

jit_ticks() { # pid -> user+system clock ticks of its live JIT compiler threads (C1/C2)
  local total=0 task
  for task in /proc/"$1"/task/*; do
    if grep -q '^C[12] CompilerThre' "$task/comm" 2>/dev/null; then
      total=$((total + $(awk '{ print $14 + $15 }' "$task/stat" 2>/dev/null || echo 0)))
    fi
  done
  echo "$total"
}

declare -A RPS P50 P99 CPU JIT
measure() { # name url pids-of-the-proxy...
  local name="$1" url="$2"
  shift 2
  echo "warming up $name (${WARMUP}s) ..." >&2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "$AUTH" "$url" > /dev/null
  local out before after requests jit_before=0 jit_after=0
  before=$(cpu_ticks "$@")
  (( $# == 1 )) && jit_before=$(jit_ticks "$1")
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "$AUTH" "$url")
  after=$(cpu_ticks "$@")
  (( $# == 1 )) && jit_after=$(jit_ticks "$1")
  echo "$out" > "$STACK_DIR/wrk-$name.txt"
  requests=$(echo "$out" | awk '/requests in/ { print $1 }')
  if (( $# > 0 )); then
    CPU[$name]=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')
    JIT[$name]="-"
    (( $# == 1 )) && JIT[$name]=$(awk -v t=$((jit_after - jit_before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')
  else
    CPU[$name]="-"
    JIT[$name]="-"
  fi
  set -- "$name"
  RPS[$1]=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
  P50[$1]=$(to_ms "$(echo "$out" | awk '$1 == "50%" { print $2 }')")
  P99[$1]=$(to_ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")
  local errors
  errors=$(echo "$out" | awk '/Non-2xx|Socket errors/')
  [[ -z "$errors" ]] || echo "  $1: $errors" >&2
}

measure direct "$UPSTREAM_URL$PATH_UNDER_TEST"
measure nginx "http://127.0.0.1:$NGINX_PORT$PATH_UNDER_TEST" "$NGINX_PID" $(pgrep -P "$NGINX_PID" | tr '\n' ' ')
measure gateway "$GATEWAY_URL$PATH_UNDER_TEST" "${STACK_PIDS[1]}"

echo
echo "GET $PATH_UNDER_TEST  (~1 KiB JSON), wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %12s %10s %10s %14s %22s %22s\n' target "requests/s" "p50 ms" "p99 ms" "rps vs direct" "proxy CPU us/request" "of which JIT us/req"
for t in direct nginx gateway; do
  ratio=$(awk -v a="${RPS[$t]}" -v b="${RPS[direct]}" 'BEGIN { printf "%.2f", a / b }')
  printf '%-8s %12s %10s %10s %14s %22s %22s\n' "$t" "${RPS[$t]}" "${P50[$t]}" "${P99[$t]}" "$ratio" "${CPU[$t]}" "${JIT[$t]}"
done
awk -v g="${RPS[gateway]}" -v n="${RPS[nginx]}" 'BEGIN { printf "gateway / nginx throughput: %.2f\n", g / n }'
awk -v g="${CPU[gateway]}" -v j="${JIT[gateway]}" -v n="${CPU[nginx]}" \
  'BEGIN { printf "gateway / nginx CPU per request: %.2f (%.2f without the gateway JIT compiler threads)\n", g / n, (g - j) / n }'
