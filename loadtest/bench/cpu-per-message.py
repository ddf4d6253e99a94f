#!/usr/bin/env python3
"""The server's CPU per delivered message in the measured seconds of run.sh runs.

Reads each run folder's server.jfr (JFR's jdk.CPULoad: the process's user and kernel share of all
CPUs, once a second) through the JDK's `jfr` tool, keeps the samples of the measured seconds
(progress.log counts seconds from the load tester's start, which summary.txt stamps) and divides
the server's average CPU by the deliveries per second. Run it on the machine that recorded the
runs: jdk.CPULoad is a share of that machine's CPUs.

    loadtest/bench/cpu-per-message.py loadtest-reports/bench-s22-ab/pubsub-40/run-1 \\
        loadtest-reports/bench-s22-ab/baseline/pubsub-40/run-1
"""
import datetime
import json
import os
import re
import subprocess
import sys


def stamp(text):
    return datetime.datetime.fromisoformat(text.replace('Z', '+00:00')).timestamp()


def cpu_per_message(run):
    summary = open(os.path.join(run, 'summary.txt')).read()
    started = stamp(re.search(r'(\d{4}-\d\d-\d\dT[\d:]+(\.\d{1,6})?)\d*Z', summary).group(1) + 'Z')
    measured = [int(line.split('s')[0]) for line in open(os.path.join(run, 'progress.log')) if ' measure ' in line]
    if not measured:
        sys.exit(f'{run}: no measured seconds in progress.log')
    first, last = started + measured[0] - 1, started + measured[-1]
    seconds = measured[-1] - measured[0] + 1
    deliveries = int(re.search(r'^delivery\s+(\d+)', summary, re.M).group(1))
    printed = subprocess.run(['jfr', 'print', '--json', '--events', 'jdk.CPULoad', os.path.join(run, 'server.jfr')],
                             capture_output=True, text=True, check=True).stdout
    samples = [e['values'] for e in json.loads(printed)['recording']['events']
               if first <= stamp(e['values']['startTime']) <= last]
    if not samples:
        sys.exit(f'{run}: no jdk.CPULoad sample in the measured seconds')
    cpus = os.cpu_count()
    user = cpus * sum(s['jvmUser'] for s in samples) / len(samples)
    kernel = cpus * sum(s['jvmSystem'] for s in samples) / len(samples)
    per_second = deliveries / seconds
    print(f'{run}: {user + kernel:.3f} cores over {len(samples)} s = {(user + kernel) * 1e6 / per_second:.1f} us '
          f'per message (user {user * 1e6 / per_second:.1f}, kernel {kernel * 1e6 / per_second:.1f}); '
          f'{per_second:,.0f} deliveries a second')


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for folder in sys.argv[1:]:
        cpu_per_message(folder)
