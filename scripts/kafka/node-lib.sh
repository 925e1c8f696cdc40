# Functions for the nodes of a local multi-node cluster. Sourced by start.sh and node.sh.
# A node lives in DIR/node-<id>/: server.properties, data/, logs/, broker.pid.

# Each JVM is sized for a 2-core machine that runs three of them plus the apps.
ONWARD_NODE_HEAP="${ONWARD_NODE_HEAP:-384m}"

# Sets the array `node_java` to the java command line of the node in NODE_DIR (minus main class).
node_java_opts() {
  local node_dir="$1" libs="$2" log_opt
  if [[ "$(kafka_major)" -ge 4 ]]; then
    sed -e "s|@LOGS@|$node_dir/logs|g" "$here/log4j2.properties" > "$node_dir/log4j2.properties"
    log_opt="-Dlog4j2.configurationFile=$node_dir/log4j2.properties"
  else
    sed -e "s|@LOGS@|$node_dir/logs|g" "$here/log4j.properties" > "$node_dir/log4j.properties"
    log_opt="-Dlog4j.configuration=file:$node_dir/log4j.properties"
  fi
  node_java=(java "-Xms128m" "-Xmx$ONWARD_NODE_HEAP" -XX:+UseSerialGC
    "$log_opt" -Dkafka.logs.dir="$node_dir/logs" -cp "$libs/*")
}

# Starts the node in NODE_DIR in its own session (see start.sh) and writes its pid file.
node_launch() {
  local node_dir="$1" libs="$2"
  if [[ -f "$node_dir/broker.pid" ]] && kill -0 "$(cat "$node_dir/broker.pid")" 2>/dev/null; then
    echo "node $node_dir already runs (pid $(cat "$node_dir/broker.pid"))" >&2
    return 1
  fi
  node_java_opts "$node_dir" "$libs"
  setsid "${node_java[@]}" kafka.Kafka "$node_dir/server.properties" \
    >> "$node_dir/logs/broker.out" 2>&1 < /dev/null &
  echo "$!" > "$node_dir/broker.pid"
}

# The client port of the node in NODE_DIR.
node_port() { sed -n 's|^advertised.listeners=PLAINTEXT://127.0.0.1:||p' "$1/server.properties"; }
