#!/usr/bin/env bash
# The load tester against a cluster: redis-server, two qrpush nodes (broker.type redis) and nginx
# in front of them on 127.0.0.1:8090 (beside a single-node bench on 8080), all on this machine. Connections spread over both nodes,
# so a channel's publisher and subscriber often sit on different nodes.
#
#   loadtest/bench/cluster.sh [SCENARIO...]     (default: pubsub-2k login-100; 30 s each; also pubsub-40, jitter,
#                                                avalanche, avalanche-0s)
#   REDIS=cluster loadtest/bench/cluster.sh ... (a three-master Redis Cluster on 6390-6392 instead of
#                                                one redis-server: sharded pub/sub, docs/cluster.md)
#   BALANCE=round-robin loadtest/bench/cluster.sh pubsub-stream
#                                               nginx sends each request to the next node in turn
#                                               (default: least_conn); with pubsub-stream (pubsub-2k over
#                                               HTTP streaming) every publish is a POST /emulation that
#                                               lands on either node: the one without the stream
#                                               forwards it through Redis (docs/protocol.md section 8)
#
# For the capacity model in docs/cluster.md each scenario also leaves, in its report directory,
# cpu.txt (CPU seconds each node and redis-server used during it, from /proc/<pid>/stat),
# cpu-per-second.txt (each node's CPU seconds so far, by port, and the whole machine's busy CPU
# seconds as all=, about once a second: which phase of a run costs what, e.g. an avalanche's returns
# against the steady delivery after them, and whether the machine's cores were all busy then) and
# commandstats-<port>.txt (Redis's INFO commandstats for it: calls and usec_per_call per command).
#
# avalanche: a third node on 8093 (server.drainWindow 10s, or 0s for avalanche-0s: everyone told at
# once, as before 1.1) takes 18,000 subscribers of history channels; it is sent SIGTERM and its
# clients come back to the node on 8092, warmed first (see warm_receiver). AVALANCHE_CLIENTS (default
# 18000) changes the count. The
# clients choose their node as a balancer would: each node's /healthz every 500 ms (--health-every),
# a node answering 503 out of rotation at once, so none reconnects to 8093 once its drain answers 503.
#
# JFR=1 records each node with Java Flight Recorder (settings=profile) into node-<port>.jfr in the
# output directory, written when the node exits: `jfr print --events jdk.ExecutionSample` or `jfr summary`.
#
# Rates are what two nodes, Redis, nginx and the load tester sharing 2 cores carry; pubsub-40
# (20,000 msg/s, the single-node figure) overloads this set-up: see docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
scenarios=("$@"); [ ${#scenarios[@]} -gt 0 ] || scenarios=(pubsub-2k login-100)
out="${OUT:-loadtest-reports/cluster-$(date +%Y%m%d-%H%M%S)}"
nginx_conf="$PWD/loadtest/bench/nginx-cluster.conf"
case "${BALANCE:-least_conn}" in
  least_conn) ;;
  round-robin) mkdir -p "$out"; rr="$(cd "$out" && pwd)/nginx-round-robin.conf"
               sed -e 's/least_conn; //' "$nginx_conf" >"$rr"; nginx_conf="$rr" ;;
  *) echo "BALANCE must be least_conn or round-robin, not $BALANCE" >&2; exit 2 ;;
esac
mkdir -p "$out"
server_jar=$(ls server/target/qrpush-server-*-all.jar | head -1)
lt_jar=$(ls loadtest/target/qrpush-loadtest-*-all.jar | head -1)
common=(--url http://127.0.0.1:8090 --appkey loadtest --secret loadtest-secret-0123456789abcdef
        --api-key loadtest-apikey-0123456789abcdef)
for tool in redis-server nginx; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is missing: install it (Debian: apt-get install redis-server nginx)" >&2; exit 2; }
done
# A redis-server, node or nginx left from an earlier run would hold a port, and the load tester
# would then measure nginx's 502s: refuse to start instead.
mode="${REDIS:-standalone}"
case "$mode" in
  standalone) redis_ports=(6390) ;;
  cluster) redis_ports=(6390 6391 6392) ;;
  *) echo "REDIS must be standalone or cluster, not $mode" >&2; exit 2 ;;
esac
for port in "${redis_ports[@]}" 8090 8091 8092 8093; do
  if ss -Htln "sport = :$port" | grep -q .; then
    echo "port $port is taken (a cluster from an earlier run still stopping?): free it and run again" >&2; exit 1
  fi
done
pids=()
# Waits for the processes, so that a run started right after this one finds the ports free.
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  nginx -c "$nginx_conf" -s stop 2>/dev/null || true
  for _ in $(seq 1 50); do [ -e /tmp/qrpush-bench-nginx.pid ] || break; sleep 0.1; done
}
trap cleanup EXIT

redis_pids=()
for port in "${redis_ports[@]}"; do
  extra=(); [ "$mode" = cluster ] && extra=(--cluster-enabled yes --cluster-config-file "$PWD/$out/nodes-$port.conf")
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$out" "${extra[@]}" \
      >"$out/redis-$port.log" 2>&1 & pids+=($!); redis_pids+=($!)
done
uri=redis://127.0.0.1:6390
if [ "$mode" = cluster ]; then
  for port in "${redis_ports[@]}"; do
    for _ in $(seq 1 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  done
  redis-cli --cluster create 127.0.0.1:6390 127.0.0.1:6391 127.0.0.1:6392 --cluster-replicas 0 --cluster-yes \
      >"$out/cluster-create.log" 2>&1
  for _ in $(seq 1 100); do redis-cli -p 6390 cluster info | grep -q cluster_state:ok && break; sleep 0.2; done
  uri=redis://127.0.0.1:6390,redis://127.0.0.1:6391,redis://127.0.0.1:6392
fi
sed -e "s#type: memory#type: redis\n  redis: $uri#" loadtest/config/loadtest.yaml >"$out/cluster.yaml"
# The JVM options of a node on the given port.
node_opts() {
  echo -Xmx1g
  [ -z "${JFR:-}" ] || echo "-XX:StartFlightRecording=filename=$out/node-$1.jfr,settings=profile,dumponexit=true"
}
node_pids=()
for port in 8091 8092; do
  QRPUSH_PORT=$port java $(node_opts $port) -jar "$server_jar" --config "$out/cluster.yaml" >"$out/node-$port.log" 2>&1 & pids+=($!)
  node_pids+=($!)
done

# CPU seconds (user + system) a process has used so far.
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
snapshot() { for p in "${node_pids[@]}" "${redis_pids[@]}"; do echo "$p $(cpu_of "$p")"; done; }
# Until killed: about once a second, the seconds since it began and the CPU seconds each node (given
# as port=pid) has used so far, as "12.0 8091=3.10 8092=8.52": one awk a line, so that it keeps up
# on a loaded machine (the difference of two lines is what a node used between them).
cpu_per_second() {
  local start=$EPOCHREALTIME hz node ports files
  hz=$(getconf CLK_TCK)
  while sleep 1; do
    ports=(); files=()
    for node in "$@"; do
      [ -n "${node#*=}" ] && [ -r "/proc/${node#*=}/stat" ] && ports+=("${node%=*}") && files+=("/proc/${node#*=}/stat")
    done
    awk -v hz="$hz" -v t="$(awk -v a="$EPOCHREALTIME" -v b="$start" 'BEGIN { printf "%.1f", a - b }')" \
        -v ports="${ports[*]}" 'BEGIN { split(ports, port, " "); printf "%s", t }
        FILENAME == "/proc/stat" { if ($1 == "cpu") all = ($2 + $3 + $4 + $7 + $8 + $9) / hz; next }
        { printf " %s=%.2f", port[FNR == 1 ? ++n : n], ($14 + $15) / hz }
        END { printf " all=%.2f\n", all }' /proc/stat "${files[@]}" 2>/dev/null
  done
}
for port in 8091 8092; do
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 \
    || { echo "the node on port $port is not healthy: see $out/node-$port.log and $out/redis.log" >&2; exit 1; }
done
nginx -c "$nginx_conf"

# Starts the node that the avalanche drains, on 8093 with the given drain window; sets drained_pid.
start_drained_node() {
  sed -e "s/^  port: 8080$/  port: 8080\n  drainWindow: $1/" "$out/cluster.yaml" >"$out/drained-$1.yaml"
  QRPUSH_PORT=8093 java $(node_opts 8093) -jar "$server_jar" --config "$out/drained-$1.yaml" >"$out/node-8093-$1.log" 2>&1 &
  drained_pid=$!; pids+=($drained_pid)
  for _ in $(seq 1 100); do curl -sf http://127.0.0.1:8093/healthz >/dev/null 2>&1 && break; sleep 0.2; done
  curl -sf http://127.0.0.1:8093/healthz >/dev/null 2>&1 \
    || { echo "the node on port 8093 is not healthy: see $out/node-8093-$1.log" >&2; exit 1; }
}

# A deploy's neighbour has been serving clients of its own, so its authorize, subscribe and recovery
# paths are compiled; 8092 has only taken publishers when an avalanche begins. Measured at 3,600
# clients, the same returns cost a cold 8092 twice the CPU seconds of a warm one (20.0 against 10.3:
# the JIT compiler's share). So before the first avalanche a short jitter run against 8092 alone
# (1,000 subscribers, each cut about every 5 s for 15 s) warms it; WARM_RECEIVER=0 skips it.
warmed=
warm_receiver() {
  [ -z "$warmed" ] && [ "${WARM_RECEIVER:-1}" != 0 ] || return 0
  warmed=1
  echo "== warming the node on 8092 (jitter, 15 s)"
  java -jar "$lt_jar" jitter --channels 250 --subscribers 4 --rate 1 --cut-every 5s --warmup 2s --duration 15s \
      --nodes http://127.0.0.1:8092 "${common[@]}" --report-dir "$out/warm-receiver" >"$out/warm-receiver.txt" 2>&1 || true
}

for s in "${scenarios[@]}"; do
  case "$s" in
    # Issue 25's figure: N subscribers of history channels (18 per channel, 1 msg/s each, publishers
    # on 8091) on the drained node; SIGTERM 10 s into the measured time; 30 s to come back. The
    # publishers stay off 8092: with them, 18,000 returning clients would fill its 19,000 connections
    # (limits.maxConnections at this machine's 20,000 open files) and the last one would be refused.
    avalanche|avalanche-0s)
      [ "$s" = avalanche ] && window=10s || window=0s
      warm_receiver
      start_drained_node "$window"
      clients="${AVALANCHE_CLIENTS:-18000}"
      args=(avalanche --channels $((clients / 18)) --subscribers 18 --rate 1 --warmup 5s --duration 40s --grace 30s
            --stop-after 10s --stop-pid "$drained_pid" --nodes http://127.0.0.1:8093,http://127.0.0.1:8092
            --publishers-node http://127.0.0.1:8091) ;;
    pubsub-2k) args=(pubsub --channels 1000 --subscribers 1 --rate 2 --warmup 5s --duration 30s) ;;
    pubsub-stream) args=(pubsub --channels 1000 --subscribers 1 --rate 2 --transport stream --warmup 5s --duration 30s) ;;
    pubsub-40) args=(pubsub --channels 500 --subscribers 1 --rate 40 --warmup 5s --duration 30s) ;;
    login-100) args=(login --rate 100 --warmup 5s --duration 30s --http-connections 64) ;;
    # The issue's figure on two nodes: subscribers spread over both nodes directly (not through nginx),
    # each cut subscriber recovering on the other node, publishers on both.
    jitter) args=(jitter --channels 2500 --subscribers 2 --rate 1 --cut-every 15s --warmup 5s --duration 60s
                  --nodes http://127.0.0.1:8091,http://127.0.0.1:8092) ;;
    *) echo "unknown scenario $s" >&2; exit 2 ;;
  esac
  echo "== $s on two nodes behind nginx ($mode Redis)"
  for port in "${redis_ports[@]}"; do redis-cli -p "$port" config resetstat >/dev/null; done
  before=$(snapshot)
  mkdir -p "$out/$s"
  cpu_per_second 8091="${node_pids[0]}" 8092="${node_pids[1]}" ${drained_pid:+8093=$drained_pid} \
      >"$out/$s/cpu-per-second.txt" & sampler=$!; pids+=($sampler)
  java -jar "$lt_jar" "${args[@]}" "${common[@]}" --report-dir "$out/$s" 2>"$out/$s.progress.log" | tee "$out/$s.txt" || true
  kill "$sampler" 2>/dev/null || true
  after=$(snapshot)
  join <(echo "$before" | sort) <(echo "$after" | sort) \
      | awk '{ printf "pid %s: %.2f CPU seconds during the scenario (warm-up included)\n", $1, $3 - $2 }' >"$out/$s/cpu.txt"
  for port in "${redis_ports[@]}"; do redis-cli -p "$port" info commandstats >"$out/$s/commandstats-$port.txt"; done
  if [ -n "${drained_pid:-}" ]; then
    # The drained node exits by itself after its drain; the next avalanche needs its port.
    wait "$drained_pid" 2>/dev/null || true
    drained_pid=
  fi
done
echo "reports in $out"
