# Browser end-to-end tests: the built app serving the built web UI, driven by Debian's Chromium.
# Sourced after common.sh; run_e2e LOGFILE returns the suite's exit code.
run_e2e() {
  local log="$1" port="${SEPT_E2E_PORT:-5181}" data app_pid rc
  apt_install chromium
  log "building web/ for the browser tests"
  (cd "$ROOT/web" && npm run build --silent) >/dev/null
  data="$(mktemp -d)"
  log "starting Sept on 127.0.0.1:$port for the browser tests"
  ASPNETCORE_URLS="http://127.0.0.1:$port" Sept__DataDirectory="$data" Sept__WebRoot="$ROOT/web/dist" \
    dotnet "$ROOT/functions/Sept.Functions/bin/Debug/net10.0/Sept.Functions.dll" >"$log.app" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 150); do
    curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
    sleep 0.2
  done
  set +e
  (cd "$ROOT/web" && SEPT_URL="http://127.0.0.1:$port" CHROMIUM_PATH=/usr/bin/chromium npm run e2e --silent) 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null || true
  rm -rf "$data"
  return "$rc"
}
