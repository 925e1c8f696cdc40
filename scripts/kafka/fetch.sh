#!/usr/bin/env bash
# Fetches the broker jars for $KAFKA_VERSION (default in versions.sh) from Maven Central
# into a cache outside the work tree, once. A cached version is used without any network.
# Prints the directory holding the jars.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/versions.sh"

libs="$(kafka_libs_dir)"
if [[ -f "$libs/.complete" ]]; then
  echo "$libs"
  exit 0
fi

version="$(kafka_version)"
profile=(-Dkafka3)
[[ "$(kafka_major)" -ge 4 ]] && profile=(-Dkafka4 "-Dlog4j2.version=$ONWARD_LOG4J2_VERSION")

echo "fetching Apache Kafka $version jars into $libs (once)" >&2
tmp="$libs.partial.$$"
rm -rf "$tmp"
mkdir -p "$tmp"
mvn -q -B -f "$here/pom.xml" "-Dkafka.version=$version" "${profile[@]}" \
  dependency:copy-dependencies -DincludeScope=runtime "-DoutputDirectory=$tmp" >&2
ls "$tmp"/kafka_2.13-"$version".jar >/dev/null
rm -rf "$libs"
mv "$tmp" "$libs"
touch "$libs/.complete"
echo "$libs"
