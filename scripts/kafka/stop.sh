#!/usr/bin/env bash
# Stops the broker started from DIR: SIGTERM (a clean controlled shutdown), then SIGKILL
# if it has not exited in time. Safe to call when nothing runs.
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

pid_file="$dir/broker.pid"
[[ -f "$pid_file" ]] || exit 0
pid="$(cat "$pid_file")"
if kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq $((timeout * 10))); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "stop.sh: broker $pid ignored SIGTERM for ${timeout}s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null
  fi
fi
rm -f "$pid_file" "$dir/bootstrap"
