#!/usr/bin/env bash
# Runs Varnish in the foreground in front of the site, with deploy/varnish/default.vcl:
#
#   deploy/varnish/run.sh --listen 127.0.0.1:8080 --backend 127.0.0.1:3000 [--memory 256m] [--workdir DIR]
#
# Its own working directory (a new one removed on exit, or DIR, kept, so `varnishstat -n DIR/state` reads its
# counters; Varnish's unprivileged user must be able to reach it), a memory store, and a clean stop on SIGTERM or SIGINT.
# Then seed with PURGE_URLS=http://127.0.0.1:8080 so each seed purges what it changed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
listen="" backend="" memory="256m" workdir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --listen) listen="${2:-}"; shift 2 ;;
    --backend) backend="${2:-}"; shift 2 ;;
    --memory) memory="${2:-}"; shift 2 ;;
    --workdir) workdir="${2:-}"; shift 2 ;;
    *) echo "usage: $0 --listen HOST:PORT --backend HOST:PORT [--memory 256m]" >&2; exit 2 ;;
  esac
done
hostport='^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):[0-9]{1,5}$'
[[ "$listen" =~ $hostport ]] || { echo "run.sh: --listen must be HOST:PORT (got '$listen')" >&2; exit 2; }
[[ "$backend" =~ $hostport ]] || { echo "run.sh: --backend must be HOST:PORT (got '$backend')" >&2; exit 2; }
[[ "$memory" =~ ^[0-9]+[kKmMgG]$ ]] || { echo "run.sh: --memory must be a size like 256m (got '$memory')" >&2; exit 2; }
command -v varnishd >/dev/null || [ -x /usr/sbin/varnishd ] || { echo "run.sh: varnishd not found (Debian: apt-get install varnish varnish-modules)" >&2; exit 1; }
varnishd="$(command -v varnishd || echo /usr/sbin/varnishd)"

if [ -n "$workdir" ]; then
  mkdir -p "$workdir"
  work="$(cd "$workdir" && pwd)"
  keep=1
else
  work="$(mktemp -d "${TMPDIR:-/tmp}/newsline-varnish-XXXXXX")"
  keep=0
fi
chmod 755 "$work"
backend_host="${backend%:*}" backend_port="${backend##*:}"
backend_host="${backend_host#[}" backend_host="${backend_host%]}"
sed -e "s|\.host = \"127.0.0.1\";|.host = \"$backend_host\";|" -e "s|\.port = \"3000\";|.port = \"$backend_port\";|" "$here/default.vcl" > "$work/default.vcl"

stop() { [ -n "${pid:-}" ] && kill -TERM "$pid" 2>/dev/null || true; }
trap stop TERM INT
trap '[ "$keep" = 1 ] || rm -rf "$work"' EXIT
# -F: foreground. Longer response headers than the default 8k: a page's xkey lists every story it shows.
"$varnishd" -F -n "$work/state" -a "$listen" -f "$work/default.vcl" -s "malloc,$memory" \
  -p http_resp_hdr_len=32k -p http_resp_size=96k -p workspace_backend=256k -p default_grace=0s -p http_gzip_support=off &
pid=$!
set +e
wait "$pid"; status=$?
# A signal interrupts the first wait: wait for varnishd to finish stopping.
if kill -0 "$pid" 2>/dev/null; then wait "$pid"; status=$?; fi
exit "$status"
