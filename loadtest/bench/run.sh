#!/usr/bin/env bash
# Runs the benchmark table of docs/benchmarks.md on this machine: for each run, a fresh server
# (its -all jar, loadtest/config/loadtest.yaml, a fixed pre-touched 512 MiB heap sized to these
# scenarios as docs/configuration.md recommends, GC log and a JFR recording), one scenario,
# then the server is stopped. Reports, GC logs and recordings go to $OUT (default
# loadtest-reports/bench-<time>, which git ignores).
#
#   loadtest/bench/run.sh [RUNS] [SCENARIO...]     e.g.  loadtest/bench/run.sh 3 idle pubsub-qr
#   SERVER_JVM="-Xmx2g" loadtest/bench/run.sh ...   other JVM options for the server (heap, JIT flags)
#   LOADTEST_JVM="-Xmx1g" loadtest/bench/run.sh ... other JVM options for the load tester
#   SERVER_CONFIG=my.yaml loadtest/bench/run.sh ...  another server configuration (default
#                                                    loadtest/config/loadtest.yaml), e.g. one with
#                                                    login.maxLoopLag: 0s to see login-cold without
#                                                    admission control
#   PAUSE_KDAMOND=1 loadtest/bench/run.sh ...        (root) stops the kernel's DAMON monitors for the runs
#                                                    and starts them again on exit, to measure the server
#                                                    without their interference (docs/benchmarks.md)
#   FLOOR=1 loadtest/bench/run.sh 1 pubsub-40      also runs the bare Netty floor server (loadtest/bench/floor,
#                                                    issue 27's yardstick: the same frames, none of the
#                                                    server's work) beside each run, into $OUT/floor; only
#                                                    the pubsub scenarios speak what it understands.
#   SPLIT_CPUS=1 loadtest/bench/run.sh ...           the server on the first half of the CPUs, the load
#                                                    tester on the other half (taskset), so neither
#                                                    waits for the other's threads. Both JVMs are told
#                                                    to use G1: one that sees a single CPU would pick
#                                                    the Serial collector and measure another GC.
#   BASELINE=loadtest-reports/bench-s15 loadtest/bench/run.sh ...
#                                                    also runs the server.jar and loadtest.jar kept in that
#                                                    folder (an earlier output), each run right beside this
#                                                    build's, the order alternating run by run, into
#                                                    $OUT/baseline: this machine's speed drifts by a third
#                                                    within an hour, so only runs of the same hour compare.
#                                                    Then: loadtest/bench/medians.py $OUT $OUT/baseline
#                                                    A loadtest.yaml in that folder is the baseline
#                                                    server's configuration (an older server refuses
#                                                    keys added since).
#
# Each output folder gets machine.txt: the kernel, its preemption model and tick, the CPUs, and
# whether a kernel DAMON monitor (kdamond) runs; each run's folder gets kdamond.txt, the CPU time
# kdamond took during the run. Tails depend on them as much as on the server (docs/benchmarks.md,
# "Where the tails come from").
# Scenarios: idle, pubsub-qr, pubsub-40, fanout, login, churn (default: all), and, not in the table,
# login-cold (login with a 30 s warm-up, to see a node that falls behind while both JVMs compile) and
# hostile (pubsub-qr while a second process attacks the node from other addresses; run it beside
# pubsub-qr, e.g. "run.sh 3 pubsub-qr hostile", for the same load without the attack) and jitter
# (subscribers on history channels whose sockets are cut, recovering by offset: issue 22's figure) and
# pubsub-10k (10,000 connections at 10,000 msg/s: where issue 27's event-loop stalls were seen).
# Every run also writes server-safepoint.log (-Xlog:safepoint*, wall-clock stamped to line up with the
# load tester's per-second figures), and its server.jfr holds jdk.SafepointBegin, ExecuteVMOperation
# and, added here, SafepointStateSynchronization (time to reach a safepoint): a stall that is a
# safepoint shows in both; one that is not (a lock: jdk.JavaMonitorEnter over 10 ms, a long task on
# the loop: jdk.ExecutionSample) shows in neither. Safepoints over 50 ms, and the same in the recording:
#   grep 'Safepoint "' server-safepoint.log | awk -F'Total: ' '$2+0 > 50e6'
#   jfr print --events jdk.SafepointBegin,jdk.SafepointStateSynchronization server.jfr
# and lag.txt, the worst sustained event-loop lag (the server's own probe, read every 200 ms by
# lag-sampler.sh into server-lag.txt) in the measured seconds: issue 27's "stall" figure.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-3}"; shift || true
scenarios=("$@"); [ ${#scenarios[@]} -gt 0 ] || scenarios=(idle pubsub-qr pubsub-40 fanout login churn)
out="${OUT:-loadtest-reports/bench-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$out"
# Copies, so that a rebuild during the runs cannot change the code under test.
cp "$(ls server/target/qrpush-server-*-all.jar | head -1)" "$out/server.jar"
cp "$(ls loadtest/target/qrpush-loadtest-*-all.jar | head -1)" "$out/loadtest.jar"
server_jar="$out/server.jar"
lt_jar="$out/loadtest.jar"
if [ -n "${BASELINE:-}" ]; then
  for jar in server.jar loadtest.jar; do
    [ -f "$BASELINE/$jar" ] || { echo "BASELINE=$BASELINE has no $jar: point it at an earlier run.sh output" >&2; exit 2; }
  done
  mkdir -p "$out/baseline"
  cp "$BASELINE/server.jar" "$BASELINE/loadtest.jar" "$out/baseline/"
  # An older server refuses configuration keys added since: a loadtest.yaml kept beside its jars
  # (git show <its commit>:loadtest/config/loadtest.yaml) is the one it runs with.
  [ -f "$BASELINE/loadtest.yaml" ] && cp "$BASELINE/loadtest.yaml" "$out/baseline/"
  echo "$BASELINE" >"$out/baseline/from.txt"
fi
# Heaps sized to these scenarios (docs/configuration.md, "JVM settings"): on this VM the kernel's
# memory monitor's passes grow with the memory the two JVMs map (docs/benchmarks.md).
server_jvm="${SERVER_JVM:--Xms512m -Xmx512m -XX:+AlwaysPreTouch}"
# The load tester on the parallel collector: G1's barriers and refinement took a sixth of its CPU.
lt_jvm="${LOADTEST_JVM:--Xms512m -Xmx512m -XX:+UseParallelGC}"
server_config="${SERVER_CONFIG:-loadtest/config/loadtest.yaml}"
[ -r "$server_config" ] || { echo "SERVER_CONFIG=$server_config cannot be read" >&2; exit 2; }
git log -1 --format='commit %H %s' >"$out/commit.txt" 2>/dev/null || true

# The kernel's DAMON monitors, each "state (operations)", e.g. "on (paddr)"; "none" without DAMON.
kdamond_states() {
  local d states=()
  for d in /sys/kernel/mm/damon/admin/kdamonds/[0-9]*; do
    [ -r "$d/state" ] || continue
    states+=("$(cat "$d/state") ($(cat "$d"/contexts/*/operations 2>/dev/null | tr '\n' ' ' | sed 's/ $//'))")
  done
  [ ${#states[@]} -gt 0 ] && echo "${states[*]}" || echo none
}
# CPU time all kdamond threads have used so far, in clock ticks.
kdamond_ticks() {
  local total=0 pid
  for pid in $(pgrep -x 'kdamond\.[0-9]+' || true); do
    total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}
if [ "${PAUSE_KDAMOND:-0}" = 1 ]; then
  paused=()
  restart_kdamonds() { local d; for d in "${paused[@]}"; do echo on >"$d/state" || echo "could not restart $d" >&2; done; }
  # Set before the first stop, so that a monitor stopped before a failure is started again too.
  trap restart_kdamonds EXIT
  for d in /sys/kernel/mm/damon/admin/kdamonds/[0-9]*; do
    [ "$(cat "$d/state" 2>/dev/null)" = on ] || continue
    echo off >"$d/state" || { echo "cannot stop $d (PAUSE_KDAMOND needs root)" >&2; exit 2; }
    paused+=("$d")
  done
fi
{
  uname -a
  echo "cpus: $(nproc); $(grep -m1 'model name' /proc/cpuinfo)"
  # Not grep -m1 under pipefail: dmesg, cut off once grep has its line, fails the pipe.
  preempt=$(dmesg 2>/dev/null | grep -o 'Dynamic Preempt: .*' | head -1 || true)
  echo "preemption: ${preempt:-unknown}"
  echo "tick: $( (zcat /proc/config.gz 2>/dev/null || true) | grep -m1 '^CONFIG_HZ=' || echo unknown)"
  echo "sched_vcpu_pack: $(cat /proc/sys/kernel/sched_vcpu_pack 2>/dev/null || echo absent)"
  echo "split cpus: ${SPLIT_CPUS:-0}"
  echo "server jvm: $server_jvm; load tester jvm: $lt_jvm"
  echo "server config: $server_config"
  echo "baseline jars: ${BASELINE:-none}"
  echo "damon kdamonds: $(kdamond_states)"
} >"$out/machine.txt"
server_cpus=(); lt_cpus=()
if [ "${SPLIT_CPUS:-0}" = 1 ]; then
  half=$(( $(nproc) / 2 )); [ "$half" -ge 1 ] || { echo "SPLIT_CPUS needs at least 2 CPUs" >&2; exit 2; }
  server_cpus=(taskset -c "0-$((half - 1))"); lt_cpus=(taskset -c "$half-$(( $(nproc) - 1 ))")
fi
secret=loadtest-secret-0123456789abcdef
api_key=loadtest-apikey-0123456789abcdef
common=(--url http://127.0.0.1:8080 --appkey loadtest --secret "$secret" --api-key "$api_key")

args_of() {
  case "$1" in
    idle)      echo "idle --connections 18000 --warmup 0s --duration 30s" ;;
    # Warm-up 60 s, the rate ramped up over it: on these 2 shared cores the JIT compilers of both JVMs
    # stay busy for ~50 s of load (measured: C2 at 30-50% of a core until then).
    pubsub-qr) echo "pubsub --channels 5000 --subscribers 1 --rate 1 --warmup 60s --duration 60s" ;;
    pubsub-40) echo "pubsub --channels 500 --subscribers 1 --rate 40 --warmup 60s --duration 60s" ;;
    # 5,000 subscribers and 5,000 publishers at 2 msg/s each: 10,000 connections, 10,000 msg/s.
    pubsub-10k) echo "pubsub --channels 5000 --subscribers 1 --rate 2 --warmup 60s --duration 60s" ;;
    fanout)    echo "fanout --subscribers 10000 --every 1000 --warmup 60s --duration 60s" ;;
    # 120,000 connections opened and closed a minute: spread them over three source addresses.
    login)     echo "login --rate 1000 --warmup 60s --duration 60s --http-connections 512 --source-addresses 127.0.0.1,127.0.0.2,127.0.0.3" ;;
    login-cold) echo "login --rate 1000 --warmup 30s --duration 40s --http-connections 512 --source-addresses 127.0.0.1,127.0.0.2,127.0.0.3" ;;
    # --settle: the last memory reading waits out the server's 120 s publish dedupe window (kept up to
    # a quarter longer: it is dropped in slots of 30 s).
    # 20 s of measured baseline, 40 s of attack, 30 s to recover; 10,000 legitimate and 13,650 attack sockets
    # exceed the server's 20,000 open files, so the flood meets its connection admission.
    hostile)   echo "hostile --channels 5000 --subscribers 1 --rate 1 --warmup 60s --duration 90s --attack-after 20s --attack-for 40s --slowloris 1000 --half-bodies 650 --flood 12000" ;;
    # The issue's figure: 5,000 subscribers on 2,500 history channels, 1 msg/s each, every subscriber's
    # socket cut (TCP reset) about every 15 s and recovered by offset; needs the jitter namespace of
    # loadtest/config/loadtest.yaml.
    jitter)    echo "jitter --channels 2500 --subscribers 2 --rate 1 --cut-every 15s --warmup 60s --duration 60s" ;;
    churn)     echo "churn --channels 500 --rate 1 --connect-rate 1000 --hold 1000 --warmup 60s --duration 60s --settle 160s --source-addresses 127.0.0.1,127.0.0.2,127.0.0.3" ;;
    *) echo "unknown scenario $1" >&2; exit 2 ;;
  esac
}

# The worst sustained event-loop lag the sampler read in the measured seconds of the run in $1
# (progress.log counts seconds from the load tester's start, $2 in epoch millis): warm-up, and the
# full GCs the load tester asks for to read the heap afterwards, are left out.
worst_lag() {
  local dir=$1 started=$2 first last
  first=$(awk '/ measure /{print $1 + 0; exit}' "$dir/progress.log")
  last=$(awk '/ measure /{n = $1 + 0} END{print n + 0}' "$dir/progress.log")
  [ -n "$first" ] || { echo "no measured seconds in progress.log"; return; }
  awk -v from=$(( started + (first - 1) * 1000 )) -v to=$(( started + last * 1000 )) \
    '$1 >= from && $1 <= to { n++; if ($2 > worst) worst = $2 }
     END { printf "worst sustained event-loop lag in the measured time: %.1f ms (%d samples)\n", worst, n }' \
    "$dir/server-lag.txt"
}

# One run: a fresh server from jar $1 with configuration $5, the load tester from jar $2, scenario $4,
# reports in $3; with $6 = floor, the floor server in its place (it has no lag probe to sample).
run_once() {
  local server_jar=$1 lt_jar=$2 dir=$3 s=$4 server_config=$5 kind=${6:-server} pid ticks_before
  mkdir -p "$dir"
  local main=(-jar "$server_jar" --config "$server_config")
  # The floor server (loadtest/bench/floor) runs on the Netty and Jackson of the same jar.
  [ "$kind" = floor ] && main=(-cp "$server_jar" loadtest/bench/floor/FloorServer.java 8080)
  # shellcheck disable=SC2086 # server_jvm holds several options
  "${server_cpus[@]}" java -XX:+UseG1GC $server_jvm -Xlog:gc*:file="$dir/server-gc.log" \
    -Xlog:safepoint*:file="$dir/server-safepoint.log":time,uptime,level,tags \
    -XX:StartFlightRecording=filename="$dir/server.jfr",settings=profile,dumponexit=true,jdk.SafepointStateSynchronization#enabled=true \
    "${main[@]}" >"$dir/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -sf http://127.0.0.1:8080/healthz >/dev/null 2>&1 && break; sleep 0.2; done
  # A server left from an interrupted run would answer in place of this fresh one.
  kill -0 "$pid" 2>/dev/null || { echo "the server did not start (port 8080 taken?): see $dir/server.log" >&2; exit 1; }
  echo "== $s: $dir (server pid $pid)"
  ticks_before=$(kdamond_ticks)
  [ "$kind" = floor ] || loadtest/bench/lag-sampler.sh http://127.0.0.1:8080 "$pid" "$dir/server-lag.txt" &
  lt_started=$(date +%s%3N)
  # shellcheck disable=SC2046,SC2086 # lt_jvm holds several options
  "${lt_cpus[@]}" java $lt_jvm -Xlog:gc:file="$dir/loadtest-gc.log" -jar "$lt_jar" $(args_of "$s") "${common[@]}" --server-pid "$pid" --report-dir "$dir" \
    2>"$dir/progress.log" | tee "$dir/summary.txt" || true
  # A load tester that could not start (bad JVM options) leaves no report: stop rather than go on.
  [ -s "$dir/summary.txt" ] || { kill "$pid"; echo "the load tester wrote no report: see $dir/progress.log" >&2; exit 1; }
  echo "kdamond cpu ms: $(( ($(kdamond_ticks) - ticks_before) * 1000 / $(getconf CLK_TCK) ))" >"$dir/kdamond.txt"
  [ "$kind" = floor ] || worst_lag "$dir" "$lt_started" >"$dir/lag.txt"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  sleep 5   # let TIME_WAIT sockets and the page cache settle between runs
}

for s in "${scenarios[@]}"; do
  for i in $(seq 1 "$runs"); do
    # This build, the baseline's and the floor's runs of round i, their order rotated round by
    # round so that a steady drift favours none of them.
    sets=(this)
    [ -n "${BASELINE:-}" ] && sets+=(base)
    [ "${FLOOR:-0}" = 1 ] && sets+=(floor)
    for k in $(seq 0 $(( ${#sets[@]} - 1 ))); do
      case "${sets[$(( (k + i - 1) % ${#sets[@]} ))]}" in
        this) run_once "$server_jar" "$lt_jar" "$out/$s/run-$i" "$s" "$server_config" ;;
        base)
          base_config="$server_config"
          [ -f "$out/baseline/loadtest.yaml" ] && base_config="$out/baseline/loadtest.yaml"
          run_once "$out/baseline/server.jar" "$out/baseline/loadtest.jar" "$out/baseline/$s/run-$i" "$s" "$base_config" ;;
        floor) run_once "$server_jar" "$lt_jar" "$out/floor/$s/run-$i" "$s" "$server_config" floor ;;
      esac
    done
  done
done
echo "reports in $out"
