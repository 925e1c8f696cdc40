#!/usr/bin/env bash
# Acts on one node of a cluster started with `start.sh --nodes N --dir DIR`, for fault tests
# and by hand:
#   node.sh --dir DIR --node ID kill     SIGKILL, no shutdown at all (kill -9)
#   node.sh --dir DIR --node ID stop     SIGTERM, a controlled shutdown (stop.sh on that node)
#   node.sh --dir DIR --node ID start    starts it again on its data; waits until it answers
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/versions.sh"
source "$here/node-lib.sh"

dir=""
id=""
action=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --node) id="$2"; shift 2 ;;
    kill | stop | start) action="$1"; shift ;;
    *) echo "node.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
node_dir="$dir/node-$id"
[[ -n "$action" && -f "$node_dir/server.properties" ]] || {
  echo "node.sh: usage: node.sh --dir DIR --node ID kill|stop|start (no node $node_dir)" >&2
  exit 2
}

case "$action" in
  kill)
    pid="$(cat "$node_dir/broker.pid")"
    kill -KILL "$pid" 2>/dev/null || true
    # Waits for the exit, so the caller's clock starts with the node really gone.
    while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
    ;;
  stop) bash "$here/stop.sh" --dir "$node_dir" ;;
  start)
    rm -f "$node_dir/broker.pid"
    node_launch "$node_dir" "$(bash "$here/fetch.sh")"
    node "$here/wait-ready.js" "127.0.0.1:$(node_port "$node_dir")" \
      "${ONWARD_BROKER_START_TIMEOUT_MS:-120000}" "$(cat "$node_dir/broker.pid")" >&2
    ;;
esac
