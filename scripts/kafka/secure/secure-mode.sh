# Secured broker mode, sourced by start.sh when it is given --secure. Not run on its own.
#
# secure_configure DIR PORT CONTROLLER_PORT CLUSTER_ID
#   Generates the secrets of this broker into DIR/secure (mode 700, files 600), rewrites
#   DIR/server.properties with the overlay in server-secure.properties.template, and sets
#   `format_args` (StorageTool format with the bootstrap SCRAM users, read by java from an
#   @argfile so no secret appears in the process table) and `ready_cmd` (readiness over SASL).
#
# DIR/secure after start:
#   admin.password       the super-user's password (user: admin, or ONWARD_KAFKA_ADMIN_USER)
#   admin.properties     Java client config for the jars' tools (--command-config)
#   admin.env            KAFKA_BROKERS and KAFKA_SASL_* for `onward access` (paths, no secret)
#   broker.password, controller.password   inter-broker (SCRAM) and controller (PLAIN) users
# ONWARD_KAFKA_ADMIN_PASSWORD_FILE, when set, supplies the admin password instead of a new one.

secure_here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

secure_password() {
  node -e 'process.stdout.write(require("node:crypto").randomBytes(24).toString("base64url"))'
}

# Writes stdin to FILE with mode 600 (the umask of the subshell makes it so from the start).
secure_write() {
  (umask 077 && cat > "$1")
}

secure_configure() {
  local dir="$1" port="$2" controller_port="$3" cluster_id="$4"
  local sdir="$dir/secure"
  local admin_user="${ONWARD_KAFKA_ADMIN_USER:-admin}"
  if [[ ! "$admin_user" =~ ^[a-zA-Z0-9._-]{1,64}$ ]]; then
    echo "start.sh: ONWARD_KAFKA_ADMIN_USER must be 1..64 of [a-zA-Z0-9._-]" >&2
    return 2
  fi
  rm -rf "$sdir"
  (umask 077 && mkdir -p "$sdir")

  if [[ -n "${ONWARD_KAFKA_ADMIN_PASSWORD_FILE:-}" ]]; then
    tr -d '\r\n' < "$ONWARD_KAFKA_ADMIN_PASSWORD_FILE" | secure_write "$sdir/admin.password"
  else
    secure_password | secure_write "$sdir/admin.password"
  fi
  secure_password | secure_write "$sdir/broker.password"
  secure_password | secure_write "$sdir/controller.password"
  local admin_pw broker_pw controller_pw
  admin_pw="$(cat "$sdir/admin.password")"
  broker_pw="$(cat "$sdir/broker.password")"
  controller_pw="$(cat "$sdir/controller.password")"
  # The password goes into a JAAS string, a sed replacement and StorageTool's [k=v,...] syntax.
  if [[ ! "$admin_pw" =~ ^[A-Za-z0-9._~+/@%:-]{12,256}$ ]]; then
    echo "start.sh: the admin password must be 12..256 of [A-Za-z0-9._~+/@%:-]" >&2
    return 2
  fi

  local overlay="$secure_here/server-secure.properties.template"
  local keys
  keys="$(grep -E '^[a-z]' "$overlay" | cut -d= -f1 | sed 's/\./\\./g' | paste -sd'|')"
  {
    grep -vE "^($keys)=" "$dir/server.properties"
    sed -e "s|@PORT@|$port|g" -e "s|@CONTROLLER_PORT@|$controller_port|g" \
      -e "s|@ADMIN_USER@|$admin_user|g" -e "s|@BROKER_PASSWORD@|$broker_pw|g" \
      -e "s|@CONTROLLER_PASSWORD@|$controller_pw|g" "$overlay"
  } | secure_write "$dir/server.properties.secure"
  mv "$dir/server.properties.secure" "$dir/server.properties"

  printf '%s\n' kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" \
    --add-scram "SCRAM-SHA-512=[name=$admin_user,password=$admin_pw]" \
    --add-scram "SCRAM-SHA-512=[name=broker,password=$broker_pw]" | secure_write "$sdir/format.args"
  format_args=("@$sdir/format.args")

  secure_write "$sdir/admin.properties" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$admin_user" password="$admin_pw";
EOF
  secure_write "$sdir/admin.env" <<EOF
KAFKA_BROKERS=127.0.0.1:$port
KAFKA_SASL_MECHANISM=SCRAM-SHA-512
KAFKA_SASL_USERNAME=$admin_user
KAFKA_SASL_PASSWORD_FILE=$sdir/admin.password
EOF
  ready_cmd=(env "KAFKA_SASL_USERNAME=$admin_user" "KAFKA_SASL_PASSWORD_FILE=$sdir/admin.password"
    node "$here/wait-ready.js")
  echo "start.sh: secured mode (SASL_PLAINTEXT, SCRAM-SHA-512, StandardAuthorizer); super-user $admin_user, connection settings in $sdir/admin.env" >&2
}

# Removes the format @argfile once the storage is formatted: the passwords stay in their files.
secure_formatted() {
  rm -f "$1/secure/format.args"
}
