#!/usr/bin/env bash
# Starts stand-in services and the built gateway (see bench/gateway/stack.sh), then runs the headless
# Chromium check of Swagger UI. Needs: Debian's chromium, node + npm (playwright-core is installed
# here on first run), a built gateway (./mvnw -B -pl gateway package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")"
[[ -d node_modules/playwright-core ]] || npm install --no-audit --no-fund
source ../../../../bench/gateway/stack.sh
trap stop_stack EXIT
start_stack
node swagger-ui-check.mjs
