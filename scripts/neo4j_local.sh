#!/usr/bin/env bash
# Run a REAL Neo4j Community 5.26 server on loopback, without Docker, from jars on Maven Central.
#
#   eval "$(scripts/neo4j_local.sh up)"    # fetch if needed, start, export NEO4J_* into this shell
#   scripts/neo4j_local.sh status          # exit 0 running, 1 killed (restartable), 3 not running
#   scripts/neo4j_local.sh kill            # SIGKILL, keep data dir + port (crash tests)
#   eval "$(scripts/neo4j_local.sh restart)"  # same data dir, same port
#   scripts/neo4j_local.sh down            # stop, delete the temporary home; idempotent
#   scripts/neo4j_local.sh fetch           # only download the jars into the cache
#   eval "$(scripts/neo4j_local.sh env)"   # print the exports of the running server again
#
# Only `export ...` lines ever go to stdout (so `eval "$(...)"` is safe); all messages go to stderr.
# In scripts with `set -e`, note that `eval "$(cmd)"` returns 0 even when cmd fails (eval of an
# empty string succeeds). Use:  env_lines="$(scripts/neo4j_local.sh up)"; eval "$env_lines"
# Environment knobs (all optional):
#   SHANHAI_CACHE        jar cache root          (default ~/.cache/shanhai; jars never live in the repo)
#   SHANHAI_RUN          where home + state live (default /tmp; use distinct dirs for parallel servers)
#   NEO4J_START_TIMEOUT  seconds to wait for Bolt (default 180)
#   NEO4J_STOP_TIMEOUT   seconds to wait after SIGTERM before SIGKILL (default 60)
#   NEO4J_HEAP / NEO4J_PAGECACHE   JVM max heap / page cache (default 512m / 128m)
#   JAVA / MVN           java and mvn executables (default: $JAVA_HOME/bin/java or java; mvn)
# See scripts/README_neo4j.md for what was measured and the pitfalls.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$SCRIPT_DIR/neo4j/pom.xml"
# The pom is the single place where the version is pinned.
NEO4J_VERSION="$(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$POM" | head -n 1)"
[[ -n "$NEO4J_VERSION" ]] || { echo "neo4j_local: cannot read neo4j.version from $POM" >&2; exit 2; }

CACHE_ROOT="${SHANHAI_CACHE:-${HOME:-/tmp}/.cache/shanhai}"
DIST="$CACHE_ROOT/neo4j-$NEO4J_VERSION"
LIB="$DIST/lib"
MARKER="$DIST/.complete"          # written only after a successful fetch
RUN_ROOT="${SHANHAI_RUN:-/tmp}"
STATE="$RUN_ROOT/shanhai-neo4j.env"
HOME_PREFIX="shanhai-neo4j."      # temporary homes are $RUN_ROOT/shanhai-neo4j.XXXXXX

START_TIMEOUT="${NEO4J_START_TIMEOUT:-180}"
STOP_TIMEOUT="${NEO4J_STOP_TIMEOUT:-60}"
HEAP="${NEO4J_HEAP:-512m}"
PAGECACHE="${NEO4J_PAGECACHE:-128m}"
if [[ -n "${JAVA:-}" ]]; then :; elif [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
MVN="${MVN:-mvn}"

log() { echo "neo4j_local: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------------------------------- fetch
pom_sum() { sha256sum "$POM" | cut -d' ' -f1; }

fetch_complete() {
  # The marker holds the pom's checksum, so editing the pom (new dependency) re-fetches even
  # when the version did not change; a half download never has a marker.
  [[ -f "$MARKER" && "$(cat "$MARKER")" == "$(pom_sum)" ]] && compgen -G "$LIB/neo4j-$NEO4J_VERSION.jar" >/dev/null
}

cmd_fetch() {
  if fetch_complete; then log "jars for $NEO4J_VERSION already in $LIB"; return 0; fi
  command -v "$MVN" >/dev/null || die "maven ($MVN) not found; apt-get install maven"
  mkdir -p "$DIST"
  # Two parallel `up`s must not download into the same directory at once.
  exec 8>"$DIST/.lock"
  flock 8
  if fetch_complete; then log "jars for $NEO4J_VERSION fetched by a concurrent run"; exec 8>&-; return 0; fi
  log "fetching Neo4j $NEO4J_VERSION jars from Maven Central into $LIB (first time: ~1 min, ~125 MB)"
  rm -rf "$LIB" "$LIB.partial" "$MARKER"
  # Run maven on a copy of the pom inside the cache: nothing gets written into the repo tree.
  cp "$POM" "$DIST/pom.xml"
  local start=$SECONDS
  if ! "$MVN" -B -q -f "$DIST/pom.xml" dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$LIB.partial" >"$DIST/fetch.log" 2>&1; then
    tail -n 40 "$DIST/fetch.log" >&2
    die "maven fetch failed (full log: $DIST/fetch.log)"
  fi
  mv "$LIB.partial" "$LIB"
  pom_sum >"$MARKER"
  log "fetched $(find "$LIB" -name "*.jar" | wc -l) jars ($(du -sh "$LIB" | cut -f1)) in $((SECONDS - start)) s"
  exec 8>&-
}

# ---------------------------------------------------------------------------------------- state
# The state file is plain KEY=value lines (no quoting) so that any tool can read it; we parse it
# ourselves instead of sourcing it.
state_get() { sed -n "s/^$1=//p" "$STATE" 2>/dev/null | head -n 1; }

load_state() {
  [[ -f "$STATE" ]] || return 1
  S_URI="$(state_get NEO4J_URI)"; S_PID="$(state_get NEO4J_PID)"; S_HOME="$(state_get NEO4J_HOME)"
  S_PORT="${S_URI##*:}"
  [[ -n "$S_PID" && -n "$S_HOME" && "$S_PORT" =~ ^[0-9]+$ ]] || { log "ignoring malformed $STATE"; return 1; }
}

write_state() { # pid port home
  local tmp="$STATE.tmp.$$"
  {
    echo "NEO4J_URI=bolt://127.0.0.1:$2"
    echo "NEO4J_USER=neo4j"
    echo "NEO4J_PASSWORD="
    echo "NEO4J_DATABASE=neo4j"
    echo "NEO4J_PID=$1"
    echo "NEO4J_HOME=$3"
  } >"$tmp"
  mv "$tmp" "$STATE"   # atomic: readers never see half a file
}

print_exports() {
  local k v
  for k in NEO4J_URI NEO4J_USER NEO4J_PASSWORD NEO4J_DATABASE NEO4J_PID NEO4J_HOME; do
    v="$(state_get "$k")"
    printf 'export %s=%q\n' "$k" "$v"
  done
}

# True only if $1 is alive AND is our java for home $2: a pid from an old state file may have
# been reused by an unrelated process, which we must never signal.
is_our_server() {
  local pid="$1" home="$2"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "--home-dir=$home"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  # Let the kernel choose: bind port 0 on loopback, report it, release it. There is a tiny race
  # until java binds it; start_server retries with a new port if that ever bites.
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# ---------------------------------------------------------------------------------------- start
show_logs() { # home
  log "---- last lines of $1/logs/console.log ----"
  tail -n 40 "$1/logs/console.log" >&2 2>/dev/null || true
  if [[ -f "$1/logs/debug.log" ]]; then
    log "---- last ERROR/WARN lines of $1/logs/debug.log ----"
    grep -E ' (ERROR|WARN) ' "$1/logs/debug.log" | tail -n 20 >&2 || true
  fi
}

# Starts java for home $1 on port $2 in the background, sets STARTED_PID.
launch() {
  local home="$1" port="$2"
  local -a jvm=(
    "-Xms256m" "-Xmx$HEAP"            # the JvmChecker warns when -Xms is not set
    -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow
    -Djdk.nio.maxCachedBufferSize=1024
    # Without these three the page cache logs "Reflection access to java.nio.DirectByteBuffer is not
    # available, using fallback mode" and the tx-log native calls fail with "Incorrect file
    # descriptor" (measured). bin/neo4j normally adds them.
    --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
    -Dio.netty.tryReflectionSetAccessible=true
    -Dlog4j2.disable.jmx=true -Dfile.encoding=UTF-8
    -cp "$LIB/*"
  )
  local -a conf=(
    -c server.default_listen_address=127.0.0.1      # loopback only
    -c "server.bolt.listen_address=127.0.0.1:$port"
    -c server.http.enabled=false -c server.https.enabled=false   # Bolt is all we need
    -c "server.memory.pagecache.size=$PAGECACHE"    # it refuses to start if heap+pagecache > RAM
    -c dbms.usage_report.enabled=false               # default is ON ("Anonymous Usage Data is being sent")
    -c dbms.security.auth_enabled=false              # throw-away server; password stays empty
    # With the add-opens above, each database preallocates a 256 MiB transaction log
    # (~520 MB per fresh server); throw-away servers don't need that.
    -c db.tx_log.preallocate=false -c db.tx_log.rotation.size=32m
    # Bolt's netty loops wait a 5 s "quiet period" each (boss + worker) on shutdown, so every
    # SIGTERM took ~11 s; 0 makes `down` ~1-2 s. Internal setting (checked in 5.26.30's jars):
    # with strict config validation an unknown name stops the server, so re-check on a version bump.
    -c internal.dbms.bolt.netty_server_shutdown_quiet_period=0
  )
  # setsid: own session, so Ctrl-C / SIGHUP of the calling shell does not kill the server;
  # stdin/stdout/stderr go to files, or `$(scripts/neo4j_local.sh up)` would wait on the pipe forever.
  # The inner bash records its own pid and then execs java, so the pid is java's even when setsid forks.
  rm -f "$home/run/launch.pid"
  mkdir -p "$home/run" "$home/logs"
  # shellcheck disable=SC2016  # $$ and $@ are for the inner bash
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$home/run/launch.pid" \
    "$JAVA" "${jvm[@]}" org.neo4j.server.CommunityEntryPoint \
    "--home-dir=$home" "--config-dir=$home/conf" --console-mode "${conf[@]}" \
    </dev/null >>"$home/logs/console.log" 2>&1 &
  local _
  for _ in $(seq 1 100); do [[ -s "$home/run/launch.pid" ]] && break; sleep 0.05; done
  STARTED_PID="$(cat "$home/run/launch.pid" 2>/dev/null || true)"
  [[ -n "$STARTED_PID" ]] || die "could not launch java"
}

# Wait until the port accepts connections AND the server logged "Started." (the Bolt port opens
# a moment before the databases are announced). Returns 1 if the process died, 2 on timeout.
# $4 = number of console.log lines before this start, so that a restart ignores the old "Started.".
wait_ready() { # pid port home mark
  local pid="$1" port="$2" home="$3" mark="$4" deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    is_our_server "$pid" "$home" || return 1
    # (no `| grep -q` here: under pipefail, grep quitting early makes tail die of SIGPIPE)
    if port_open "$port" && [[ "$(tail -n +"$((mark + 1))" "$home/logs/console.log")" == *"INFO  Started."* ]]; then
      return 0
    fi
    sleep 0.5
  done
  return 2
}

stop_pid() { # pid home  -- SIGTERM, wait, SIGKILL
  local pid="$1" home="$2" deadline=$((SECONDS + STOP_TIMEOUT))
  is_our_server "$pid" "$home" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while is_our_server "$pid" "$home"; do
    if ((SECONDS >= deadline)); then
      log "pid $pid still alive after ${STOP_TIMEOUT}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 0.5
  done
}

remove_home() { # only ever delete a directory that we created
  local home="$1"
  if [[ -n "$home" && "$(basename "$home")" == "$HOME_PREFIX"* && -d "$home" ]]; then rm -rf -- "$home"; fi
}

# Start (or restart) java on home/port and wait; on success writes the state file.
# Returns 0 ok, 1 failed, 10 port taken (caller may retry with another port).
start_and_wait() { # home port start|restart
  local home="$1" port="$2" what="$3" t0=$SECONDS rc=0
  port_open "$port" && { log "port $port on 127.0.0.1 is already in use"; return 10; }
  local mark
  mark=0
  if [[ -f "$home/logs/console.log" ]]; then mark="$(wc -l <"$home/logs/console.log")"; fi
  launch "$home" "$port"
  log "$what: pid $STARTED_PID, bolt://127.0.0.1:$port, home $home; waiting up to ${START_TIMEOUT}s"
  wait_ready "$STARTED_PID" "$port" "$home" "$mark" || rc=$?
  if ((rc == 0)); then
    write_state "$STARTED_PID" "$port" "$home"
    log "ready after $((SECONDS - t0)) s"
    return 0
  fi
  if ((rc == 2)); then log "server not ready after ${START_TIMEOUT}s"; else log "server process exited"; fi
  show_logs "$home"
  stop_pid "$STARTED_PID" "$home"
  if grep -qi 'address already in use' "$home/logs/console.log" "$home/logs/debug.log" 2>/dev/null; then
    return 10
  fi
  return 1
}

# ---------------------------------------------------------------------------------------- commands
cmd_up() {
  if load_state; then
    if is_our_server "$S_PID" "$S_HOME"; then
      if port_open "$S_PORT"; then
        log "already running: pid $S_PID, $S_URI"
        print_exports; return 0
      fi
      die "pid $S_PID is alive but port $S_PORT does not answer; try: $0 down"
    fi
    log "stale state (pid $S_PID is gone); cleaning up $S_HOME before starting a fresh server"
    remove_home "$S_HOME"; rm -f "$STATE"
  fi
  command -v python3 >/dev/null || die "python3 is needed to pick a free port"
  command -v "$JAVA" >/dev/null || die "java not found (need Java 17 or 21)"
  fetch_complete || cmd_fetch
  mkdir -p "$RUN_ROOT"
  local attempt home port rc
  for attempt in 1 2 3; do
    home="$(mktemp -d "$RUN_ROOT/${HOME_PREFIX}XXXXXX")"
    mkdir -p "$home/conf" "$home/data" "$home/logs" "$home/run"
    # An empty neo4j.conf: every setting is passed with -c, so the command line is the whole config.
    : >"$home/conf/neo4j.conf"
    port="$(free_port)"
    rc=0; start_and_wait "$home" "$port" start || rc=$?
    if ((rc == 0)); then print_exports; return 0; fi
    remove_home "$home"
    ((rc == 10)) || die "Neo4j failed to start (logs above)"
    log "port collision, retrying with another port (attempt $attempt)"
  done
  die "could not find a usable port"
}

cmd_down() {
  if ! load_state; then log "not running (no $STATE)"; rm -f "$STATE"; return 0; fi
  if is_our_server "$S_PID" "$S_HOME"; then
    log "stopping pid $S_PID (SIGTERM, up to ${STOP_TIMEOUT}s)"
    stop_pid "$S_PID" "$S_HOME"
  fi
  remove_home "$S_HOME"
  rm -f "$STATE"
  log "stopped; removed $S_HOME"
}

cmd_status() {
  if ! load_state; then log "not running"; return 3; fi
  if is_our_server "$S_PID" "$S_HOME"; then
    if port_open "$S_PORT"; then log "running: pid $S_PID, $S_URI, home $S_HOME"; return 0; fi
    log "starting or hung: pid $S_PID alive, port $S_PORT not answering"; return 0
  fi
  if [[ -d "$S_HOME" ]]; then log "dead (pid $S_PID gone), home $S_HOME kept: '$0 restart' or '$0 down'"; return 1; fi
  log "not running (stale $STATE)"; return 3
}

cmd_kill() {
  load_state || { log "not running (no $STATE)"; return 0; }
  if is_our_server "$S_PID" "$S_HOME"; then
    kill -KILL "$S_PID"
    while kill -0 "$S_PID" 2>/dev/null; do sleep 0.1; done
    log "SIGKILLed pid $S_PID; kept $S_HOME and port $S_PORT for '$0 restart'"
  else
    log "pid $S_PID is not running"
  fi
}

cmd_restart() {
  load_state || die "nothing to restart (no $STATE); use '$0 up'"
  [[ -d "$S_HOME/data" ]] || die "home $S_HOME is gone; use '$0 up'"
  if is_our_server "$S_PID" "$S_HOME"; then
    log "server still running, stopping it gracefully first"
    stop_pid "$S_PID" "$S_HOME"
  fi
  fetch_complete || cmd_fetch
  local rc=0
  start_and_wait "$S_HOME" "$S_PORT" restart || rc=$?
  ((rc == 0)) || die "restart on port $S_PORT failed (home kept: $S_HOME)"
  print_exports
}

cmd_env() {
  if ! load_state || ! is_our_server "$S_PID" "$S_HOME"; then die "not running; use '$0 up'"; fi
  print_exports
}

usage() {
  sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
}

case "${1:-}" in
  fetch) cmd_fetch ;;
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  kill) cmd_kill ;;
  restart) cmd_restart ;;
  env) cmd_env ;;
  -h|--help|help) usage ;;
  *) usage; exit 2 ;;
esac
