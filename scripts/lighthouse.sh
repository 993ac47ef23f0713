#!/usr/bin/env bash
# Lighthouse 13 (mobile and desktop presets) on pages of a running site, one line of scores per run:
#   npm run lighthouse -- http://127.0.0.1:3000 / /articles/we-can-be-heroes-robert-rodriguez
# Lighthouse is installed on first use into ~/.cache/newsline-lighthouse (it is large and only a measuring tool,
# so it is not a project dependency). Uses Debian's /usr/bin/chromium when present, else CHROME_PATH.
set -euo pipefail
VERSION=13.5.0
origin="${1:?usage: npm run lighthouse -- <origin> <path>...}"
shift
[ $# -gt 0 ] || set -- /
tool="$HOME/.cache/newsline-lighthouse/$VERSION"
if [ ! -x "$tool/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$tool"
  (cd "$tool" && npm install --no-audit --no-fund --no-save "lighthouse@$VERSION" >/dev/null)
fi
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for preset in mobile desktop; do
  for page in "$@"; do
    report="$out/report.json"
    extra=()
    [ "$preset" = desktop ] && extra=(--preset=desktop)
    "$tool/node_modules/.bin/lighthouse" "$origin$page" --quiet --output=json --output-path="$report" \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking" "${extra[@]}"
    node -e '
      const r = require(process.argv[1]);
      const a = r.audits;
      const scores = ["performance", "accessibility", "best-practices", "seo"].map((k) => `${k} ${r.categories[k].score.toFixed(2)}`);
      console.log([process.argv[2].padEnd(8), process.argv[3], ...scores, `LCP ${Math.round(a["largest-contentful-paint"].numericValue)} ms`, `CLS ${a["cumulative-layout-shift"].numericValue.toFixed(3)}`, `TBT ${Math.round(a["total-blocking-time"].numericValue)} ms`].join("  "));
    ' "$report" "$preset" "$page"
  done
done
