#!/bin/bash
# setup.sh <repo>: a LIVE service with an SLA through the gateway; post.run.lua = post.lua pointed at it (and a token)
here=$(cd "$(dirname "$0")" && pwd)
cd "$1"
T=$(./itsm token itsm-admin bench | tail -1)
G=http://127.0.0.1:8080
key=prof-$RANDOM$RANDOM
svc=$(curl -s -X POST $G/api/v1/catalog/services -H "Authorization: Bearer $T" -H 'Content-Type: application/json' \
  -d "{\"key\":\"$key\",\"name\":\"Payroll portal\",\"type\":\"BUSINESS\",\"owner\":\"ops-team\",\"utility\":\"Pays people\"}" | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
curl -s -o /dev/null -w 'go-live %{http_code}\n' -X POST $G/api/v1/catalog/services/$svc/go-live -H "Authorization: Bearer $T"
targets=$(python3 -c 'import json;print(json.dumps([t for p in ["P1","P2","P3","P4","P5"] for t in ({"metric":"TIME_TO_RESPOND","priority":p,"duration":"PT4H"},{"metric":"TIME_TO_RESOLVE","priority":p,"duration":"PT24H"})]))')
for i in $(seq 1 100); do
  c=$(curl -s -o /dev/null -w '%{http_code}' -X POST $G/api/v1/sla/agreements -H "Authorization: Bearer $T" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Prof SLA $key\",\"type\":\"SLA\",\"scope\":{\"allServices\":false,\"serviceIds\":[\"$svc\"]},\"targets\":$targets}")
  [ "$c" = 201 ] && break; sleep 0.3; done
echo "agreement $c"
body="{\"title\":\"Users cannot log in\",\"description\":\"Since 09:10 every login to the payroll portal fails with an error page\",\"caller\":\"jane.doe@example.com\",\"serviceId\":\"$svc\",\"category\":\"software\",\"impact\":\"MEDIUM\",\"urgency\":\"HIGH\"}"
for i in $(seq 1 100); do
  c=$(curl -s -o /dev/null -w '%{http_code}' -X POST $G/api/v1/incidents -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d "$body")
  [ "$c" = 201 ] && break; sleep 0.3; done
echo "warm-up incident $c"
python3 - "$svc" "$T" "$here/post.lua" "$here/post.run.lua" <<'PY'
import re,sys
s=open(sys.argv[3]).read()
s=re.sub(r'"serviceId":"[0-9a-f-]*"', '"serviceId":"%s"' % sys.argv[1], s)
s=re.sub(r'Bearer [A-Za-z0-9_.-]+', 'Bearer ' + sys.argv[2], s)
open(sys.argv[4],'w').write(s)
PY
