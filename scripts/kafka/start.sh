#!/usr/bin/env bash
# Starts a single-node KRaft broker (combined broker+controller) from the cached jars.
#   start.sh [--dir DIR] [--port PORT] [--owner PID] [--secure | --keep]
#   start.sh --nodes N [--dir DIR] [--owner PID]    (a local N-node cluster: start-cluster.sh)
# DIR holds data, config, logs and the pid file (default: .onward/kafka in the repo).
# Every start formats an empty broker (what tests want), unless --keep: then a broker formatted
# in DIR before resumes on its data and cluster id (what `npm start` wants), and only the first
# start formats. --secure always starts empty (it makes new credentials) and keeps its data in
# DIR/data-secure, so a secured run never wipes the kept plain broker in DIR/data.
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
keep=""
nodes=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --owner) owner="$2"; shift 2 ;;
    --secure) secure=1; shift ;;
    --keep) keep=1; shift ;;
    --nodes) nodes="$2"; shift 2 ;;
    *) echo "start.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

if [[ "$nodes" != 1 ]]; then
  [[ -z "$secure" && -z "$port" && -z "$keep" ]] || { echo "start.sh: --nodes takes none of --secure, --port, --keep" >&2; exit 2; }
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

[[ -z "$secure" || -z "$keep" ]] || { echo "start.sh: --keep and --secure do not mix" >&2; exit 2; }
data="$dir/data"
[[ -z "$secure" ]] || data="$dir/data-secure"
# KRaft writes meta.properties (node and cluster id) when it formats the storage.
resume=""
if [[ -n "$keep" && -f "$data/meta.properties" ]]; then
  resume=1
else
  rm -rf "$data"
fi
rm -rf "$dir/logs"
mkdir -p "$data" "$dir/logs"
chmod 700 "$dir" "$data" "$dir/logs"
# The ports are new each start; a single node's static voter list is read from this file, not
# from the data, so a resumed broker takes them as they come.
sed -e "s|@PORT@|$port|g" -e "s|@CONTROLLER_PORT@|$controller_port|g" -e "s|@DATA@|$data|g" \
  "$here/server.properties.template" > "$dir/server.properties"
if [[ "$(kafka_major)" -ge 4 ]]; then
  sed -e "s|@LOGS@|$dir/logs|g" "$here/log4j2.properties" > "$dir/log4j2.properties"
  log_opt="-Dlog4j2.configurationFile=$dir/log4j2.properties"
else
  sed -e "s|@LOGS@|$dir/logs|g" "$here/log4j.properties" > "$dir/log4j.properties"
  log_opt="-Dlog4j.configuration=file:$dir/log4j.properties"
fi

java_opts=(-Xms256m -Xmx1g -XX:+UseSerialGC "$log_opt" -Dkafka.logs.dir="$dir/logs" -cp "$libs/*")
if [[ -n "$resume" ]]; then
  cluster_id="$(sed -n 's/^cluster\.id=//p' "$data/meta.properties")"
  echo "start.sh: resuming the broker in $data (cluster $cluster_id)" >&2
else
  cluster_id="$(java "${java_opts[@]}" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
fi
format_args=(kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties")
ready_cmd=(node "$here/wait-ready.js")
if [[ -n "$secure" ]]; then
  source "$here/secure/secure-mode.sh"
  secure_configure "$dir" "$port" "$controller_port" "$cluster_id"
fi
[[ -n "$resume" ]] || java "${java_opts[@]}" "${format_args[@]}" > "$dir/logs/format.out" 2>&1
[[ -z "$secure" ]] || secure_formatted "$dir"

# setsid: the broker gets its own session, so a terminal's Ctrl-C reaches our stop logic
# (and the watchdog) instead of killing the JVM half-way through a test's teardown.
setsid java "${java_opts[@]}" kafka.Kafka "$dir/server.properties" > "$dir/logs/broker.out" 2>&1 < /dev/null &
broker_pid=$!
echo "$broker_pid" > "$dir/broker.pid"

if [[ -n "$owner" ]]; then
  echo "$owner" > "$dir/owner.pid"
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
