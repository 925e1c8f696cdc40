#!/usr/bin/env bash
# Makes sure the local PostgreSQL the auditor's tests use (127.0.0.1:5432, trust auth, database
# `test`) is accepting connections: starts the installed cluster when it is not. Used by .ci/run
# and by the broker tests' globalSetup, so `npm test` alone sets it up on a fresh machine.
set -euo pipefail

if pg_isready -q -h 127.0.0.1 -p 5432; then exit 0; fi
version=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)
if [[ -z "${version}" ]]; then
  echo "PostgreSQL is not running on 127.0.0.1:5432 and no local cluster is installed" >&2
  exit 1
fi
echo "starting PostgreSQL ${version}" >&2
pg_ctlcluster --skip-systemctl-redirect "${version}" main start
pg_isready -t 30 -h 127.0.0.1 -p 5432
