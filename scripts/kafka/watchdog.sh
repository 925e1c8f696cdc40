#!/usr/bin/env bash
# Stops the broker (or every node of the cluster) in DIR as soon as OWNER_PID is gone (crashed
# test run, Ctrl-C, kill -9), and exits by itself once stop.sh has run some other way.
#   watchdog.sh OWNER_PID DIR
owner="$1"
dir="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# stop.sh removes the pid files; a node a fault test killed keeps its file until then.
started() { compgen -G "$dir/broker.pid" > /dev/null || compgen -G "$dir/node-*/broker.pid" > /dev/null; }
# DIR/owner.pid names the run the broker in DIR belongs to now. `npm start` resumes a kept DIR
# within a second of the previous run's exit: that run's watchdog must not stop the new broker.
mine() { [[ ! -f "$dir/owner.pid" ]] || [[ "$(cat "$dir/owner.pid" 2>/dev/null)" == "$owner" ]]; }
started || exit 0
while kill -0 "$owner" 2>/dev/null && started && mine; do
  sleep 1
done
started && mine && bash "$here/stop.sh" --dir "$dir"
exit 0
