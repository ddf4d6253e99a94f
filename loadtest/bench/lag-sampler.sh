#!/usr/bin/env bash
# Samples a node's event-loop lag while a benchmark runs, for issue 27's stall figure: every 200 ms
# it reads qrpush_event_loop_lag_seconds from /metrics (the lag probe's sustained lag of its last
# 250 ms window, so no window is missed) and writes "<epoch millis> <lag ms>" lines to FILE, until
# the node stops answering or the given pid exits. run.sh starts one beside each server; afterwards
#   sort -k2 -n -r FILE | head -1     is the run's worst window.
#
#   loadtest/bench/lag-sampler.sh URL PID FILE
set -uo pipefail
url="$1"; pid="$2"; file="$3"
: >"$file"
while kill -0 "$pid" 2>/dev/null; do
  lag=$(curl -sf --max-time 1 "$url/metrics" 2>/dev/null | awk '/^qrpush_event_loop_lag_seconds /{printf "%.1f", $2 * 1000}')
  [ -n "$lag" ] && echo "$(date +%s%3N) $lag" >>"$file"
  sleep 0.2
done
