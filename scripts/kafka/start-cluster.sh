#!/usr/bin/env bash
# Starts a local KRaft cluster of N combined broker+controller nodes with static voters, from
# the cached jars. Called by `start.sh --nodes N`; same options and output as start.sh.
#   start-cluster.sh --nodes N [--dir DIR] [--owner PID]
# Each node gets its own ports and DIR/node-<id>/ (config, data, logs, broker.pid); DIR/nodes
# lists "id port controllerPort" per line. Replication factor min(N, 3), min.insync.replicas
# one less (2 on three nodes), for user topics, offsets and transaction state alike.
# Prints the bootstrap list (host:port,...) once a client sees every node and a controller.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$here/versions.sh"
source "$here/node-lib.sh"

dir="$root/.onward/kafka"
nodes=3
owner=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --nodes) nodes="$2"; shift 2 ;;
    --owner) owner="$2"; shift 2 ;;
    *) echo "start-cluster.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ "$nodes" =~ ^[2-9]$ ]] || { echo "start-cluster.sh: --nodes must be 2..9" >&2; exit 2; }

for pid_file in "$dir"/broker.pid "$dir"/node-*/broker.pid; do
  if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    echo "start-cluster.sh: a broker already runs from $dir (pid $(cat "$pid_file")); stop it first" >&2
    exit 1
  fi
done

libs="$(bash "$here/fetch.sh")"
replication=$((nodes < 3 ? nodes : 3))
min_isr=$((replication - 1))

# 2 distinct free ports per node.
ports=($(node -e '
  const net = require("net");
  const n = Number(process.argv[1]) * 2;
  const servers = Array.from({ length: n }, () => net.createServer());
  Promise.all(servers.map((s) => new Promise((r) => s.listen(0, "127.0.0.1", () => r(s.address().port)))))
    .then((ports) => { console.log(ports.join(" ")); servers.forEach((s) => s.close()); });
' "$nodes"))

voters=""
for ((i = 1; i <= nodes; i++)); do
  voters+="${voters:+,}$i@127.0.0.1:${ports[$((2 * i - 1))]}"
done

# A fresh cluster every start: tests and `npm start` want a clean, known state.
rm -rf "$dir"/node-* "$dir/nodes" "$dir/bootstrap"
mkdir -p "$dir"
node_java_opts "$dir" "$libs"
cluster_id="$("${node_java[@]}" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
bootstrap=""
formats=()
for ((i = 1; i <= nodes; i++)); do
  node_dir="$dir/node-$i"
  port="${ports[$((2 * i - 2))]}"
  controller_port="${ports[$((2 * i - 1))]}"
  mkdir -p "$node_dir/data" "$node_dir/logs"
  sed -e "s|@NODE_ID@|$i|g" -e "s|@VOTERS@|$voters|g" -e "s|@PORT@|$port|g" \
    -e "s|@CONTROLLER_PORT@|$controller_port|g" -e "s|@DATA@|$node_dir/data|g" \
    -e "s|@REPLICATION@|$replication|g" -e "s|@MIN_ISR@|$min_isr|g" \
    "$here/cluster-node.properties.template" > "$node_dir/server.properties"
  node_java_opts "$node_dir" "$libs"
  "${node_java[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$node_dir/server.properties" \
    > "$node_dir/logs/format.out" 2>&1 &
  formats+=("$!")
  echo "$i $port $controller_port" >> "$dir/nodes"
  bootstrap+="${bootstrap:+,}127.0.0.1:$port"
done
for pid in "${formats[@]}"; do
  wait "$pid" || { echo "start-cluster.sh: formatting a node failed; see $dir/node-*/logs/format.out" >&2; exit 1; }
done
rm -rf "$dir"/log4j*.properties "$dir/logs"

for ((i = 1; i <= nodes; i++)); do node_launch "$dir/node-$i" "$libs"; done
if [[ -n "$owner" ]]; then
  setsid bash "$here/watchdog.sh" "$owner" "$dir" > /dev/null 2>&1 < /dev/null &
fi

if ! node "$here/wait-ready.js" "$bootstrap" "${ONWARD_BROKER_START_TIMEOUT_MS:-120000}" \
  "$(cat "$dir/node-1/broker.pid")" "$nodes" >&2; then
  echo "start-cluster.sh: cluster did not become ready; last lines of each node's broker.out:" >&2
  for ((i = 1; i <= nodes; i++)); do tail -n 10 "$dir/node-$i/logs/broker.out" >&2 || true; done
  bash "$here/stop.sh" --dir "$dir" >&2 || true
  exit 1
fi
echo "$bootstrap" > "$dir/bootstrap"
echo "$bootstrap"
