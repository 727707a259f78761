#!/usr/bin/env bash
# The README's test command runs this: start a real Neo4j, run the whole suite against it, stop it.
# In CI (CI=true) a Neo4j that cannot start is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")/.."
export SHANHAI_RUN="${SHANHAI_RUN:-$(mktemp -d /tmp/shanhai-test.XXXX)}"
cleanup() { scripts/neo4j_local.sh down >/dev/null 2>&1 || true; }
trap cleanup EXIT
if ! env_lines="$(scripts/neo4j_local.sh up)"; then
  echo "error: could not start the local Neo4j server (see the log above)" >&2
  exit 1
fi
eval "$env_lines"
export NEO4J_URI NEO4J_USER NEO4J_PASSWORD NEO4J_DATABASE
export SHANHAI_REQUIRE_NEO4J=1
.venv/bin/shanhai build
.venv/bin/pytest "$@"
