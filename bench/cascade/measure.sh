#!/bin/bash
# measure.sh <seconds>: idle rate first, POST saturation through the gateway, wait until the suite is back at its idle rate;
# CPU per incident per process net of the idle rate
cd "$(dirname "$0")"
tot() { python3 cpu.py diff $1 $2 | awk '/^total/{print $2}'; }
python3 cpu.py snapshot > b0.json; sleep 20; python3 cpu.py snapshot > b1.json
idle=$(tot b0.json b1.json)   # CPU-s per 20 s
echo "idle: $idle CPU-s per 20 s"
python3 cpu.py snapshot > m0.json
out=$(wrk -t2 -c8 -d${1:-30}s -s post.run.lua http://127.0.0.1:8080/api/v1/incidents | grep -E "BENCH|FAILED" | head -4)
s=$(date +%s)
# back to idle: two 5 s windows in a row under 1.5x the idle rate (+0.05 s)
calm=0
for i in $(seq 1 200); do python3 cpu.py snapshot > i0.json; sleep 5; python3 cpu.py snapshot > i1.json
  t=$(tot i0.json i1.json)
  if awk -v t=$t -v b=$idle 'BEGIN{exit !(t < 1.5*b/4 + 0.05)}'; then calm=$((calm+1)); [ $calm -ge 2 ] && break; else calm=0; fi; done
python3 cpu.py snapshot > m1.json
b=$(echo "$out" | grep BENCH); n=$(echo $b | awk '{print $2}')
echo "$out" | grep FAILED | head -2
echo "$b  (requests $n, rate $(echo $b | awk '{printf "%.1f", $2/($3/1e6)}')/s, drained+idle $(( $(date +%s) - s )) s)"
python3 cpu.py net m0.json m1.json $n b0.json b1.json
