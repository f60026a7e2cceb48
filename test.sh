#!/usr/bin/env bash
# The project's test command: installs what the tests need (as root on Debian 12; axe-core with npm ci), starts a throwaway
# PostgreSQL 15 cluster on 127.0.0.1, runs `dotnet test Procurement.sln` (the browser tests in a second run on
# their own; extra arguments are passed on instead, e.g. --filter "FullyQualifiedName~Domain"), stops the
# cluster and prints `N passed, N failed` last.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$REPO"

PG_BIN=/usr/lib/postgresql/15/bin
FONT=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
RESULTS="$REPO/test-results"

log() { printf 'test.sh: %s\n' "$*" >&2; }

# ---------------------------------------------------------------- system packages
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]] || missing+=(postgresql)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[[ -f "$FONT" ]] || missing+=(fonts-wqy-microhei)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if ((${#missing[@]} > 0)); then
    if [[ $(id -u) -ne 0 ]]; then
        log "missing system packages: ${missing[*]}"
        log "install them with: sudo apt-get install --no-install-recommends ${missing[*]}"
        exit 1
    fi
    log "installing ${missing[*]} (first run only; this takes a few minutes)"
    # Keep the packages' own services (the default PostgreSQL cluster) from starting during the install.
    added_policy=false
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        added_policy=true
    fi
    install_status=0
    {
        apt-get update -q &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
    } </dev/null >&2 || install_status=$?
    if [[ $added_policy == true ]]; then
        rm -f /usr/sbin/policy-rc.d
    fi
    if ((install_status != 0)); then
        log "apt-get failed (exit $install_status)"
        exit "$install_status"
    fi
fi

if ! command -v dotnet >/dev/null 2>&1; then
    log "dotnet is not on PATH: install the .NET 10 SDK (see global.json) and try again"
    exit 1
fi

# ---------------------------------------------------------------- browser tools (axe-core, pinned in Portal.Tests/package-lock.json)
TOOLS="$REPO/Portal.Tests"
if [[ ! -f "$TOOLS/node_modules/axe-core/axe.min.js" || "$TOOLS/package-lock.json" -nt "$TOOLS/node_modules/.package-lock.json" ]]; then
    log "installing the browser tests' npm packages (npm ci in Portal.Tests)"
    if ! (cd "$TOOLS" && npm ci --no-audit --no-fund --loglevel=error) </dev/null >&2; then
        log "npm ci failed: the accessibility tests need Portal.Tests/node_modules/axe-core"
        exit 1
    fi
fi

# ---------------------------------------------------------------- throwaway PostgreSQL cluster
PGTMP=""
PGDATA_DIR=""
pg_started=false

# Runs a PostgreSQL tool as the postgres OS user when we are root (the server refuses to run as root).
as_pg() {
    if [[ $(id -u) -eq 0 ]]; then
        (cd "$PGTMP" && runuser -u postgres -- "$@")
    else
        (cd "$PGTMP" && "$@")
    fi
}

stop_cluster() {
    if [[ $pg_started == true ]]; then
        as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m immediate -w stop >/dev/null 2>&1 || true
        pg_started=false
    fi
    if [[ -n $PGTMP && -d $PGTMP ]]; then
        rm -rf "$PGTMP"
    fi
    PGTMP=""
}
trap stop_cluster EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_in_use() {
    local port=$1
    if command -v ss >/dev/null 2>&1 && [[ -n $(ss -ltnH "sport = :$port" 2>/dev/null) ]]; then
        return 0
    fi
    # Something answers on the port.
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

if [[ $(id -u) -eq 0 ]]; then
    # /tmp, not $TMPDIR: the postgres user must be able to reach the directory.
    PGTMP="$(mktemp -d /tmp/portal-pg.XXXXXXXX)"
else
    PGTMP="$(mktemp -d "${TMPDIR:-/tmp}/portal-pg.XXXXXXXX")"
fi
PGDATA_DIR="$PGTMP/data"
if [[ $(id -u) -eq 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
        log "the postgres OS user does not exist: reinstall the postgresql package"
        exit 1
    fi
    chown postgres:postgres "$PGTMP"
fi

if ! as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$PGTMP/initdb.log" 2>&1; then
    cat "$PGTMP/initdb.log" >&2
    log "initdb failed"
    exit 1
fi

PG_PORT=""
start_failures=0
for port in $(seq 55432 55531); do
    if port_in_use "$port"; then
        continue
    fi
    if ((start_failures >= 3)); then
        break
    fi
    # Another process may take the port between the check and the start: then try the next one.
    if as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGTMP/postgres.log" -w -t 60 \
        -o "-p $port -c listen_addresses=127.0.0.1 -k '$PGTMP' -c fsync=off -c max_connections=200" \
        start >/dev/null 2>&1; then
        PG_PORT=$port
        pg_started=true
        break
    fi
    start_failures=$((start_failures + 1))
    log "PostgreSQL did not start on port $port; trying the next one"
    tail -n 5 "$PGTMP/postgres.log" >&2 || true
done
if [[ -z $PG_PORT ]]; then
    log "could not start PostgreSQL on a free port from 55432 to 55531 (log above)"
    exit 1
fi
log "PostgreSQL 15 listening on 127.0.0.1:$PG_PORT (data in $PGDATA_DIR)"

export PORTAL_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Include Error Detail=true"
PORTAL_TEST_CHROMIUM="$(command -v chromium || echo /usr/bin/chromium)"
export PORTAL_TEST_CHROMIUM
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# ---------------------------------------------------------------- tests
rm -rf "$RESULTS"
test_status=0
run_tests() { # trx file name, dotnet test arguments
    local trx=$1
    shift
    dotnet test Procurement.sln --logger "trx;LogFileName=$trx" --results-directory "$RESULTS" "$@" \
        </dev/null || test_status=$?
}
if (($# > 0)); then
    run_tests results.trx "$@"
else
    # The browser tests run on their own after the rest: on a 2-core machine, sharing it with the PostgreSQL
    # and host tests slows the Blazor circuit enough to make timing-sensitive steps flaky.
    run_tests results.trx --filter "FullyQualifiedName!~Portal.Tests.EndToEnd"
    run_tests browser-results.trx --no-build --filter "FullyQualifiedName~Portal.Tests.EndToEnd"
fi

stop_cluster

# Sum the <Counters .../> of every .trx file.
passed=0
failed=0
trx_count=0
counter() { # attribute name, Counters element
    local value
    value="$(sed -n "s/.*[[:space:]]$1=\"\([0-9]*\)\".*/\1/p" <<<"$2")"
    echo "${value:-0}"
}
while IFS= read -r -d '' trx; do
    counters="$(grep -o '<Counters[^>]*>' "$trx" | head -n 1 || true)"
    [[ -n $counters ]] || continue
    trx_count=$((trx_count + 1))
    passed=$((passed + $(counter passed "$counters")))
    failed=$((failed + $(counter failed "$counters") + $(counter error "$counters") + $(counter timeout "$counters") + $(counter aborted "$counters")))
done < <(find "$RESULTS" -name '*.trx' -print0 2>/dev/null)

if ((trx_count == 0)); then
    log "no test results were written (did the build fail?); dotnet test exited $test_status"
    passed=0
    failed=1
elif ((test_status != 0 && failed == 0)); then
    # dotnet test failed without a failed test (a crashed test host, a project that did not build):
    # never report that as a clean run.
    log "dotnet test exited $test_status although no test failed"
    failed=1
fi

echo "$passed passed, $failed failed"
if ((test_status != 0 || failed > 0)); then
    exit 1
fi
