#!/usr/bin/env python3
# usage: cpu.py snapshot > file ; cpu.py diff a b  -> CPU seconds per process group
import os, sys, json, re
HZ = os.sysconf('SC_CLK_TCK')
def name(pid):
    try:
        cmd = open(f'/proc/{pid}/cmdline','rb').read().split(b'\0')
    except Exception: return None
    c = b' '.join(cmd).decode(errors='replace')
    if 'postgres' in cmd[0].decode(errors='replace') or c.startswith('postgres:'): return 'postgresql'
    try:
        cwd = os.readlink(f'/proc/{pid}/cwd')
    except Exception:
        cwd = ''
    m = re.search(r'/([a-z-]+)/target/quarkus-app', c + ' ' + cwd)
    if m: return m.group(1)
    if 'dev.itsm.deploy.LocalStack' in c: return 'launcher+kafka'
    if 'wrk' in cmd[0].decode(errors='replace'): return 'wrk'
    return None
def snap():
    out = {}
    for pid in os.listdir('/proc'):
        if not pid.isdigit(): continue
        n = name(pid)
        if not n: continue
        try:
            f = open(f'/proc/{pid}/stat').read().rsplit(')',1)[1].split()
        except Exception: continue
        t = int(f[11]) + int(f[12])
        if n == 'postgresql' and ' -D ' in ' '.join(open(f'/proc/{pid}/cmdline').read().split('\0')):
            t += int(f[13]) + int(f[14])  # the postmaster reaps autovacuum workers and closed backends
        out[pid] = (n, t / HZ)
    return out
import time
def groups(a, b):
    tot = {}
    for pid, v in b.items():
        if pid == '_t': continue
        n, t = v
        t0 = a.get(pid, (n, 0))[1]
        tot[n] = tot.get(n, 0) + t - t0
    return tot
if sys.argv[1] == 'snapshot':
    s = snap(); s['_t'] = time.time(); json.dump(s, sys.stdout)
elif sys.argv[1] == 'net':
    # net a b n base0 base1: CPU between a and b minus the idle rate measured between base0 and base1, per unit
    a, b, c0, c1 = (json.load(open(f)) for f in (sys.argv[2], sys.argv[3], sys.argv[5], sys.argv[6])); div = float(sys.argv[4])
    tot = groups(a, b); base = groups(c0, c1); el = b['_t'] - a['_t']; bel = c1['_t'] - c0['_t']
    print(f'{"process":22s} {"raw s":>8s} {"idle s":>8s} {"net ms/unit":>12s}   (elapsed {el:.0f} s, idle rate measured over {bel:.0f} s)')
    for n, t in sorted(tot.items(), key=lambda x: -(x[1] - base.get(x[0], 0) * el / bel)):
        i = base.get(n, 0) * el / bel
        print(f'{n:22s} {t:8.2f} {i:8.2f} {1000*(t-i)/div:12.3f}')
    T = sum(tot.values()); I = sum(base.values()) * el / bel
    print(f'{"total":22s} {T:8.2f} {I:8.2f} {1000*(T-I)/div:12.3f}')
else:
    a = json.load(open(sys.argv[2])); b = json.load(open(sys.argv[3])); div = float(sys.argv[4]) if len(sys.argv) > 4 else 1
    tot = groups(a, b)
    for n, t in sorted(tot.items(), key=lambda x: -x[1]):
        print(f'{n:22s} {t:8.2f} s  {1000*t/div:8.3f} ms/unit')
    print(f'{"total":22s} {sum(tot.values()):8.2f} s  {1000*sum(tot.values())/div:8.3f} ms/unit')
