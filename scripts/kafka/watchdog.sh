#!/usr/bin/env bash
# Stops the broker (or every node of the cluster) in DIR as soon as OWNER_PID is gone (crashed
# test run, Ctrl-C, kill -9), and exits by itself once stop.sh has run some other way.
#   watchdog.sh OWNER_PID DIR
owner="$1"
dir="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# stop.sh removes the pid files; a node a fault test killed keeps its file until then.
started() { compgen -G "$dir/broker.pid" > /dev/null || compgen -G "$dir/node-*/broker.pid" > /dev/null; }
started || exit 0
while kill -0 "$owner" 2>/dev/null && started; do
  sleep 1
done
started && bash "$here/stop.sh" --dir "$dir"
exit 0
