# Kafka versions the project runs against. Sourced by the other scripts.
# The default is the one the README names; KAFKA_VERSION picks the other.
ONWARD_KAFKA_DEFAULT_VERSION=3.9.1
ONWARD_KAFKA_CACHE="${ONWARD_CACHE_DIR:-$HOME/.cache/onward}/kafka"
# Kafka 4.x pulls no logging backend either; this Log4j 2 binding matches the
# log4j-core its tools expect (mvn dependency:tree -Dincludes=org.apache.logging.log4j).
ONWARD_LOG4J2_VERSION=2.24.3

kafka_version() { echo "${KAFKA_VERSION:-$ONWARD_KAFKA_DEFAULT_VERSION}"; }
kafka_major() { local v; v=$(kafka_version); echo "${v%%.*}"; }
kafka_libs_dir() { echo "$ONWARD_KAFKA_CACHE/$(kafka_version)/libs"; }
