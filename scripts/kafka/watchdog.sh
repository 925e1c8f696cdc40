#!/usr/bin/env bash
# Stops the broker in DIR as soon as OWNER_PID is gone (crashed test run, Ctrl-C, kill -9),
# and exits by itself once the broker has stopped some other way.
#   watchdog.sh OWNER_PID DIR
owner="$1"
dir="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
broker="$(cat "$dir/broker.pid" 2>/dev/null)" || exit 0
while kill -0 "$owner" 2>/dev/null && kill -0 "$broker" 2>/dev/null; do
  sleep 1
done
kill -0 "$broker" 2>/dev/null && bash "$here/stop.sh" --dir "$dir"
exit 0
