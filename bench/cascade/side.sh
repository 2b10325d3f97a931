#!/bin/bash
# side.sh <repo>: fresh data, up, setup, warm-up pass, two measured passes, stop
here=$(cd "$(dirname "$0")" && pwd)
cd "$1"; ./itsm stop >/dev/null 2>&1; sleep 2; rm -rf .itsm/data
log=$here/up.log
ITSM_RATE_LIMIT=1000000000 ITSM_JVM_PROFILE=throughput nohup ./itsm up > $log 2>&1 &
for i in $(seq 1 300); do grep -q 'Stop:' $log && break; sleep 1; done
grep -i 'ready' $log | tail -1
$here/setup.sh "$1"
echo "== warm-up"; $here/measure.sh 20 | head -3
echo "== pass 1"; $here/measure.sh 30
echo "== pass 2"; $here/measure.sh 30
./itsm stop >/dev/null 2>&1; sleep 3
