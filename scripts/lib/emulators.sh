# Starts the Azure emulators the contract tests use, on loopback, and stops them when the calling script exits.
# Sourced after common.sh. Exports the endpoints the tests read.
start_emulators() {
  local dir="$ROOT/tests/emulators" logs="$ROOT/.data/emulators"
  npm_ci "$dir"
  rm -rf "$logs"; mkdir -p "$logs/azurite"
  export SEPT_TEST_COSMOS_ENDPOINT="http://127.0.0.1:${SEPT_TEST_COSMOS_PORT:-18081}/"
  export SEPT_TEST_BLOB_ENDPOINT="http://127.0.0.1:${SEPT_TEST_BLOB_PORT:-10100}/devstoreaccount1"
  log "starting cosmosdb-server and azurite"
  node "$dir/node_modules/@vercel/cosmosdb-server/lib/cli.js" --no-ssl --host 127.0.0.1 -p "${SEPT_TEST_COSMOS_PORT:-18081}" \
    >"$logs/cosmos.log" 2>&1 &
  EMULATOR_PIDS="$!"
  node "$dir/node_modules/azurite/dist/src/blob/main.js" --blobHost 127.0.0.1 --blobPort "${SEPT_TEST_BLOB_PORT:-10100}" \
    --location "$logs/azurite" --skipApiVersionCheck --loose >"$logs/azurite.log" 2>&1 &
  EMULATOR_PIDS="$EMULATOR_PIDS $!"
  trap stop_emulators EXIT
  wait_for_port 127.0.0.1 "${SEPT_TEST_COSMOS_PORT:-18081}" cosmosdb-server
  wait_for_port 127.0.0.1 "${SEPT_TEST_BLOB_PORT:-10100}" azurite
}

stop_emulators() {
  [ -n "${EMULATOR_PIDS:-}" ] && kill $EMULATOR_PIDS 2>/dev/null || true
}

wait_for_port() {
  local host="$1" port="$2" name="$3"
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null && return 0
    sleep 0.2
  done
  echo "$name did not start on $host:$port" >&2; return 1
}
