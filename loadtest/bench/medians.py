#!/usr/bin/env python3
"""Prints the median of each scenario's runs under a bench output folder (loadtest/bench/run.sh).

    loadtest/bench/medians.py loadtest-reports/bench-20261123-143300
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


def main(root):
    for scenario in sorted(p for p in pathlib.Path(root).iterdir() if p.is_dir()):
        runs = []
        for run in sorted(scenario.glob("run-*")):
            reports = sorted(run.glob("*.json"))
            if reports:
                runs.append(figures(json.loads(reports[-1].read_text())))
        if not runs:
            continue
        print(f"## {scenario.name} ({len(runs)} runs)")
        for key in runs[0]:
            values = [r[key] for r in runs if key in r and r[key] == r[key]]
            if values:
                shown = ", ".join(f"{v:.2f}" if isinstance(v, float) else str(v) for v in values)
                print(f"  {key:26s} median {statistics.median(values):10.2f}   runs: {shown}")
        errors = {}
        for run in sorted(scenario.glob("run-*")):
            for rep in run.glob("*.json"):
                for k, v in json.loads(rep.read_text()).get("errors", {}).items():
                    errors[k] = errors.get(k, 0) + v
        if errors:
            print(f"  errors over all runs: {errors}")


if __name__ == "__main__":
    main(sys.argv[1])
