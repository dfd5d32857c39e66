#!/usr/bin/env bash
# make demo: a pool with its embedded mint (Noise on, loopback, ephemeral ports, data in a temp
# dir), two CPU miners over SV2 and one (carol) over Stratum V1, for about $DEMO_SECONDS seconds;
# then carol claims her ecash by key, each wallet's balance, a token passed from one wallet to
# the other, and the pool's sharemint_ metrics.
# Stops only the processes it started (their PIDs are tracked; the trap runs on any exit).
set -euo pipefail

JAVA=${JAVA:-java}
JAR=${JAR:-target/sharemint.jar}
DEMO_SECONDS=${DEMO_SECONDS:-20}
LOGCONF=${LOGCONF:-etc/tinylog.properties}

work=$(mktemp -d "${TMPDIR:-/tmp}/sharemint-demo.XXXXXX")
pids=()

stop() { # stop PID...: SIGTERM, up to 20 s for a graceful exit, then SIGKILL
    local pid
    for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "$@"; do
        for _ in $(seq 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
}

cleanup() {
    local status=$?
    if ((${#pids[@]})); then stop "${pids[@]}"; fi
    if [[ $status -ne 0 ]]; then
        echo "demo failed (exit $status); logs kept in $work" >&2
    elif [[ -n "${DEMO_KEEP:-}" ]]; then
        echo "logs and data kept in $work"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# an array, not a function: "${sharemint[@]}" ... & is the java process itself, so $! is its PID
sharemint=("$JAVA" -Dtinylog.configuration="$LOGCONF" -jar "$JAR")

# wait_for FILE PATTERN SECONDS: until a line of FILE matches PATTERN
wait_for() {
    for _ in $(seq $(($3 * 10))); do
        grep -qE "$2" "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "timed out waiting for /$2/ in $1:" >&2
    tail -n 20 "$1" >&2 || true
    return 1
}

# http_get HOST:PORT PATH: curl when there is one, else bash's /dev/tcp
http_get() {
    if command -v curl >/dev/null; then
        curl -fsS "http://$1$2"
    else
        exec 3<>"/dev/tcp/${1%:*}/${1##*:}"
        printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$2" "$1" >&3
        sed '1,/^\r$/d' <&3
        exec 3<&-
    fi
}

echo "== sharemint demo (data and logs in $work)"
key=$("${sharemint[@]}" keygen --data.dir="$work/pool" 2>/dev/null)
echo "pool authority key: $key"

# a difficulty a CPU meets about once a second; amounts 2^(z - 16) keep the numbers small
"${sharemint[@]}" pool --data.dir="$work/pool" --pool.listen=127.0.0.1:0 --pool.noise=true \
    --mint.http.listen=127.0.0.1:0 --monitor.listen=127.0.0.1:0 --pool.sv1.listen=127.0.0.1:0 \
    --jobs.block-interval-ms=5000 --channel.min-difficulty=0.0001 --channel.shares-per-minute=60 \
    --ehash.min-leading-zeros=16 >"$work/pool.out" 2>"$work/pool.log" &
pids+=($!)
wait_for "$work/pool.out" 'metrics:' 60
pool_addr=$(grep -oE 'miners: +[0-9.]+:[0-9]+' "$work/pool.out" | grep -oE '[0-9.]+:[0-9]+$')
mint_url=$(grep -oE 'cashu http: +http://[0-9.]+:[0-9]+' "$work/pool.out" | grep -oE 'http://[0-9.:]+$')
metrics_addr=$(grep -oE 'metrics: +http://[0-9.]+:[0-9]+' "$work/pool.out" | grep -oE '[0-9.]+:[0-9]+$')
sv1_addr=$(grep -oE 'sv1 miners: +stratum\+tcp://[0-9.]+:[0-9]+' "$work/pool.out" | grep -oE '[0-9.]+:[0-9]+$')
echo "pool: miners on $pool_addr (Noise), Stratum V1 miners on stratum+tcp://$sv1_addr, Cashu mint on $mint_url, metrics on http://$metrics_addr/metrics"
echo "dashboard: http://$metrics_addr/ (open it while the miners run; DEMO_SECONDS=300 make demo for longer)"

for who in alice bob; do
    "${sharemint[@]}" miner --pool="$pool_addr" --authority-key="$key" --mint-url="$mint_url" \
        --wallet-dir="$work/wallet-$who" --user="$who" --threads=1 --status-interval=5 >"$work/miner-$who.log" 2>&1 &
    pids+=($!)
done
# carol's miner speaks Stratum V1: its username is her wallet's key (what a Bitaxe would be set to)
"${sharemint[@]}" wallet --wallet-dir="$work/wallet-carol" --mint-url="$mint_url" key >"$work/carol.key"
echo "carol's SV1 miner: URL stratum+tcp://$sv1_addr, username $(cat "$work/carol.key").carol"
"${sharemint[@]}" miner --sv1 --pool="$sv1_addr" --mint-url="$mint_url" \
    --wallet-dir="$work/wallet-carol" --user=carol --threads=1 --status-interval=5 >"$work/miner-carol.log" 2>&1 &
pids+=($!)
miner_pids=("${pids[@]:1:3}")
# carol starts last: the mining time counts from when her miner is on the pool (a JVM start is slow on a busy machine)
wait_for "$work/miner-carol.log" 'mining over Stratum V1' 120
echo "mining for ${DEMO_SECONDS} s (three miners, one thread each); their status lines:"
tail_pids=()
for who in alice bob carol; do
    # tail's own PID is tracked; the filter behind it ends when tail does
    tail -n +1 -F "$work/miner-$who.log" 2>/dev/null > >(grep --line-buffered -E 'StatusReporter|ERROR|WARN' \
        | sed -u -E "s/^[0-9-]+ ([0-9:]+)\.[0-9]+ +[A-Z]+ +\[[^]]*\] [A-Za-z]+: /  \1 $who: /") &
    tail_pids+=($!)
    pids+=($!)
done
sleep "$DEMO_SECONDS"

echo "== stopping the miners (each redeems the quotes it still holds)"
stop "${miner_pids[@]}"
stop "${tail_pids[@]}"
for who in alice bob carol; do grep -h 'miner stopped' "$work/miner-$who.log" | sed -E "s/.*miner stopped: /  $who: /" || true; done

echo "== carol claims what is locked to her key (SV1 carries no quotes; the mint looks them up by key)"
echo "  carol: $("${sharemint[@]}" wallet --wallet-dir="$work/wallet-carol" claim)"
echo "  carol again: $("${sharemint[@]}" wallet --wallet-dir="$work/wallet-carol" claim)"

echo "== wallets"
for who in alice bob carol; do
    echo "  $who: $("${sharemint[@]}" wallet --wallet-dir="$work/wallet-$who" balance)"
done
amount=$("${sharemint[@]}" wallet --wallet-dir="$work/wallet-alice" balance | awk '{print int($1 / 3)}')
if ((amount > 0)); then
    token=$("${sharemint[@]}" wallet --wallet-dir="$work/wallet-alice" send --amount="$amount")
    echo "  alice sends $amount hash to bob as a Cashu token: ${token:0:48}..."
    echo "  bob: $("${sharemint[@]}" wallet --wallet-dir="$work/wallet-bob" receive "$token")"
    echo "  alice: $("${sharemint[@]}" wallet --wallet-dir="$work/wallet-alice" balance)"
fi

echo "== pool metrics (sharemint_ lines of http://$metrics_addr/metrics)"
http_get "$metrics_addr" /metrics | grep -E '^sharemint_' | grep -vE '_bucket\{' || true

echo "== the dashboard's figures (http://$metrics_addr/api/v1/pool)"
http_get "$metrics_addr" /api/v1/pool || true
echo

echo "== stopping the pool"
stop "${pids[0]}"
grep -h 'pool shutting down' "$work/pool.log" | sed -E 's/.*PoolServer: /  /' || true
echo "demo done"
