# Browser end-to-end tests: the built app serving the built web UI, driven by Debian's Chromium.
# Two app instances: Local mode (SEPT_URL) for the notebook suites, and Jwt mode with a throwaway development signing
# key (SEPT_JWT_URL + SEPT_DEV_KEY) for the people suite, which mints its users' tokens with that key.
# The local instance's assistant talks to an OpenAI-compatible model on 127.0.0.1:SEPT_LLM_PORT, which the assistant
# suite serves itself with scripted answers (web/e2e/scriptedOpenAI.ts); no other suite calls it.
# Sourced after common.sh; run_e2e LOGFILE returns the suite's exit code.
e2e_start_app() { # PORT DATADIR LOGFILE [VAR=VALUE...]; sets E2E_PID
  local port="$1" data="$2" out="$3"; shift 3
  env ASPNETCORE_URLS="http://127.0.0.1:$port" Sept__DataDirectory="$data" Sept__WebRoot="$ROOT/web/dist" "$@" \
    dotnet "$ROOT/functions/Sept.Functions/bin/Debug/net10.0/Sept.Functions.dll" >"$out" 2>&1 &
  E2E_PID=$!
}

e2e_wait_healthy() { # PORT
  for _ in $(seq 1 150); do
    curl -fsS "http://127.0.0.1:$1/api/health" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
}

run_e2e() {
  local log="$1" port="${SEPT_E2E_PORT:-5181}" jwt_port llm_port llm_key=e2e-test-key key data jwt_data app_pid jwt_pid rc
  jwt_port=$((port + 1)); llm_port=$((port + 2))
  apt_install chromium
  log "building web/ for the browser tests"
  (cd "$ROOT/web" && npm run build --silent) >/dev/null
  data="$(mktemp -d)"; jwt_data="$(mktemp -d)"
  key="$(head -c 32 /dev/urandom | base64)"
  log "starting Sept on 127.0.0.1:$port (local) and 127.0.0.1:$jwt_port (Jwt, dev key) for the browser tests"
  e2e_start_app "$port" "$data" "$log.app" Sept__Assistant__Provider=OpenAI Sept__Assistant__Endpoint="http://127.0.0.1:$llm_port/v1" \
    Sept__Assistant__Model=scripted-e2e Sept__Assistant__ApiKey="$llm_key"; app_pid=$E2E_PID
  e2e_start_app "$jwt_port" "$jwt_data" "$log.jwt-app" Sept__Auth__Mode=Jwt Sept__Auth__DevSigningKey="$key"; jwt_pid=$E2E_PID
  e2e_wait_healthy "$port"; e2e_wait_healthy "$jwt_port"
  set +e
  (cd "$ROOT/web" && SEPT_URL="http://127.0.0.1:$port" SEPT_JWT_URL="http://127.0.0.1:$jwt_port" SEPT_DEV_KEY="$key" \
    SEPT_LLM_PORT="$llm_port" SEPT_LLM_KEY="$llm_key" \
    CHROMIUM_PATH=/usr/bin/chromium npm run e2e --silent) 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  kill "$app_pid" "$jwt_pid" 2>/dev/null; wait "$app_pid" "$jwt_pid" 2>/dev/null || true
  rm -rf "$data" "$jwt_data"
  return "$rc"
}
