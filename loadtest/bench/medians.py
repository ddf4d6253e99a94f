#!/usr/bin/env python3
"""Prints the median of each scenario's runs under a bench output folder (loadtest/bench/run.sh).

    loadtest/bench/medians.py loadtest-reports/bench-20261123-143300

Given a second folder, the runs of a baseline measured in the same hour (run.sh with BASELINE=,
which writes them to OUT/baseline), it prints for every figure the two share both medians, their
ratio (this build over the baseline) and how many pairs of runs with the same number came out
lower for this build. On a machine whose speed drifts, a pair is the fair comparison; a
difference smaller than two identical builds show (BASELINE= set to the same build) is noise:

    loadtest/bench/medians.py loadtest-reports/bench-X loadtest-reports/bench-X/baseline
"""
import json
import pathlib
import statistics
import sys


def ms(us):
    return us / 1000.0


def figures(r):
    f = {}
    for name, lat in r.get("latencies", {}).items():
        if lat["count"]:
            f[name + " p50 ms"] = ms(lat["p50"])
            f[name + " p99 ms"] = ms(lat["p99"])
            f[name + " max ms"] = ms(lat["max"])
    a = r.get("accounting")
    if a:
        for k in ("published", "delivered", "refused", "lost", "duplicates"):
            f["publishes " + k] = a[k]
    c = r.get("counters", {})
    for k in ("flows_started", "flows_ok", "flows_failed", "churn_started", "churn_closed"):
        if k in c:
            f[k] = c[k]
    f["errors"] = sum(r.get("errors", {}).values())
    m = r.get("server")
    if m:
        f["heap KB/conn"] = m["heapPerConnection"] / 1024
        f["RSS KB/conn"] = m["rssPerConnection"] / 1024
        f["heap left after MB"] = m["heapLeftAfter"] / 2**20
        f["connections left after"] = m["connectionsLeftAfter"]
    return f


def scenarios(root):
    """Each scenario folder's name, its runs' figures by run folder, and their reports' errors summed."""
    found = {}
    for scenario in sorted(p for p in pathlib.Path(root).iterdir() if p.is_dir()):
        runs, errors = {}, {}
        for run in sorted(scenario.glob("run-*")):
            reports = sorted(run.glob("*.json"))
            if reports:
                runs[run.name] = figures(json.loads(reports[-1].read_text()))
            for rep in reports:
                for k, v in json.loads(rep.read_text()).get("errors", {}).items():
                    errors[k] = errors.get(k, 0) + v
        if runs:
            found[scenario.name] = (runs, errors)
    return found


def values(runs, key):
    return [r[key] for r in runs.values() if key in r and r[key] == r[key]]


def shown(vs):
    return ", ".join(f"{v:.2f}" if isinstance(v, float) else str(v) for v in vs)


def medians(root):
    for name, (runs, errors) in scenarios(root).items():
        print(f"## {name} ({len(runs)} runs)")
        for key in next(iter(runs.values())):
            vs = values(runs, key)
            if vs:
                print(f"  {key:26s} median {statistics.median(vs):10.2f}   runs: {shown(vs)}")
        if errors:
            print(f"  errors over all runs: {errors}")


def lower_in_pairs(runs, base_runs, key):
    """"k/n": in k of the n pairs of runs with the same number, this build's figure was lower."""
    pairs = [(runs[n][key], base_runs[n][key]) for n in runs
             if n in base_runs and key in runs[n] and key in base_runs[n]]
    return f"{sum(1 for t, b in pairs if t < b)}/{len(pairs)}"


def compare(root, baseline_root):
    base = scenarios(baseline_root)
    for name, (runs, errors) in scenarios(root).items():
        if name not in base:
            continue
        base_runs, base_errors = base[name]
        print(f"## {name} ({len(runs)} runs; baseline {len(base_runs)})")
        print(f"  {'':26s} {'this':>10s} {'baseline':>10s} {'ratio':>7s} {'lower':>6s}   runs (this | baseline)")
        for key in next(iter(runs.values())):
            vs, bs = values(runs, key), values(base_runs, key)
            if not vs or not bs:
                continue
            m, b = statistics.median(vs), statistics.median(bs)
            ratio = f"{m / b:7.2f}" if b else "      -"
            print(f"  {key:26s} {m:10.2f} {b:10.2f} {ratio} {lower_in_pairs(runs, base_runs, key):>6s}   {shown(vs)} | {shown(bs)}")
        if errors or base_errors:
            print(f"  errors over all runs: {errors} | baseline {base_errors}")


if __name__ == "__main__":
    if len(sys.argv) == 3:
        compare(sys.argv[1], sys.argv[2])
    elif len(sys.argv) == 2:
        medians(sys.argv[1])
    else:
        sys.exit("usage: medians.py BENCH_DIR [BASELINE_DIR]")
