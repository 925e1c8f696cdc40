#!/usr/bin/env bash
# Starts a single-node KRaft broker (combined broker+controller) from the cached jars.
#   start.sh [--dir DIR] [--port PORT] [--owner PID] [--secure]
#   start.sh --nodes N [--dir DIR] [--owner PID]    (a local N-node cluster: start-cluster.sh)
# DIR holds data, config, logs and the pid file (default: .onward/kafka in the repo).
# PORT is the client port (default: a free one). With --owner, a watchdog stops the broker
# when that process dies, so an interrupted test run or Ctrl-C never leaves a JVM behind.
# Prints the bootstrap address (host:port) on stdout once a client metadata request succeeds.
# --secure: SASL/SCRAM-SHA-512 clients, StandardAuthorizer, no access without an ACL, and a
# super-user whose connection settings land in DIR/secure/admin.env (see secure/secure-mode.sh).
set -euo pipefail
# The broker's data is the share requests themselves: files 600, dirs 700, for the JVM too.
umask 077
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$here/versions.sh"

dir="$root/.onward/kafka"
port=""
owner=""
secure=""
nodes=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --owner) owner="$2"; shift 2 ;;
    --secure) secure=1; shift ;;
    --nodes) nodes="$2"; shift 2 ;;
    *) echo "start.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

if [[ "$nodes" != 1 ]]; then
  [[ -z "$secure" && -z "$port" ]] || { echo "start.sh: --nodes takes neither --secure nor --port" >&2; exit 2; }
  exec bash "$here/start-cluster.sh" --nodes "$nodes" --dir "$dir" ${owner:+--owner "$owner"}
fi

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

if [[ -f "$dir/broker.pid" ]] && kill -0 "$(cat "$dir/broker.pid")" 2>/dev/null; then
  echo "start.sh: a broker already runs from $dir (pid $(cat "$dir/broker.pid")); stop it first" >&2
  exit 1
fi

libs="$(bash "$here/fetch.sh")"
[[ -n "$port" ]] || port="$(free_port)"
controller_port="$(free_port)"
while [[ "$controller_port" == "$port" ]]; do controller_port="$(free_port)"; done

# A fresh data dir every start: tests and `npm start` want a clean, known broker.
rm -rf "$dir/data" "$dir/logs"
mkdir -p "$dir/data" "$dir/logs"
chmod 700 "$dir" "$dir/data" "$dir/logs"
sed -e "s|@PORT@|$port|g" -e "s|@CONTROLLER_PORT@|$controller_port|g" -e "s|@DATA@|$dir/data|g" \
  "$here/server.properties.template" > "$dir/server.properties"
if [[ "$(kafka_major)" -ge 4 ]]; then
  sed -e "s|@LOGS@|$dir/logs|g" "$here/log4j2.properties" > "$dir/log4j2.properties"
  log_opt="-Dlog4j2.configurationFile=$dir/log4j2.properties"
else
  sed -e "s|@LOGS@|$dir/logs|g" "$here/log4j.properties" > "$dir/log4j.properties"
  log_opt="-Dlog4j.configuration=file:$dir/log4j.properties"
fi

java_opts=(-Xms256m -Xmx1g -XX:+UseSerialGC "$log_opt" -Dkafka.logs.dir="$dir/logs" -cp "$libs/*")
cluster_id="$(java "${java_opts[@]}" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
format_args=(kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties")
ready_cmd=(node "$here/wait-ready.js")
if [[ -n "$secure" ]]; then
  source "$here/secure/secure-mode.sh"
  secure_configure "$dir" "$port" "$controller_port" "$cluster_id"
fi
java "${java_opts[@]}" "${format_args[@]}" > "$dir/logs/format.out" 2>&1
[[ -z "$secure" ]] || secure_formatted "$dir"

# setsid: the broker gets its own session, so a terminal's Ctrl-C reaches our stop logic
# (and the watchdog) instead of killing the JVM half-way through a test's teardown.
setsid java "${java_opts[@]}" kafka.Kafka "$dir/server.properties" > "$dir/logs/broker.out" 2>&1 < /dev/null &
broker_pid=$!
echo "$broker_pid" > "$dir/broker.pid"

if [[ -n "$owner" ]]; then
  setsid bash "$here/watchdog.sh" "$owner" "$dir" > /dev/null 2>&1 < /dev/null &
fi

bootstrap="127.0.0.1:$port"
if ! "${ready_cmd[@]}" "$bootstrap" "${ONWARD_BROKER_START_TIMEOUT_MS:-90000}" "$broker_pid" >&2; then
  echo "start.sh: broker did not become ready; last lines of $dir/logs/broker.out:" >&2
  tail -n 30 "$dir/logs/broker.out" >&2 || true
  bash "$here/stop.sh" --dir "$dir" >&2 || true
  exit 1
fi
echo "$bootstrap" > "$dir/bootstrap"
echo "$bootstrap"
