#!/usr/bin/env bash
# Stops the broker, or every node of the cluster, started from DIR: SIGTERM to all at once
# (a clean controlled shutdown), then SIGKILL to any that has not exited in time. Safe to call
# when nothing runs.
#   stop.sh [--dir DIR] [--timeout SECONDS]
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dir="$root/.onward/kafka"
timeout=30
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --timeout) timeout="$2"; shift 2 ;;
    *) echo "stop.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

# DIR/broker.pid of a single broker, DIR/node-<id>/broker.pid of a cluster's nodes.
pid_files=()
for f in "$dir/broker.pid" "$dir"/node-*/broker.pid; do [[ -f "$f" ]] && pid_files+=("$f"); done
[[ ${#pid_files[@]} -gt 0 ]] || exit 0
pids=()
for f in "${pid_files[@]}"; do
  pid="$(cat "$f")"
  kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
done
alive() {
  local p
  for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && return 0; done
  return 1
}
if [[ ${#pids[@]} -gt 0 ]]; then
  for _ in $(seq $((timeout * 10))); do
    alive || break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      echo "stop.sh: broker $pid ignored SIGTERM for ${timeout}s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null
    fi
  done
fi
rm -f "${pid_files[@]}" "$dir/bootstrap" "$dir/owner.pid"
