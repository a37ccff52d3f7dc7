#!/usr/bin/env bash
# The GitHub Action's first step: puts the Baton release BATON_VERSION on PATH.
# Downloads baton-<version>-linux-<arch>.tar.gz and its .sha256 from BATON_RELEASE_URL
# (<base>/v<version>/…), checks the checksum, and keeps the unpacked release in the runner's
# tool cache (RUNNER_TOOL_CACHE/baton/<version>/<arch>) so the next job skips the download.
set -euo pipefail

fail() { echo "::error title=Baton setup::$1"; exit 1; }

version="${BATON_VERSION#v}"
base="${BATON_RELEASE_URL:-https://github.com/baton-project/baton/releases/download}"
base="${base%/}"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]] \
  || fail "unknown Baton version '$BATON_VERSION': give a release number such as 0.1.0"
[ "$(uname -s)" = Linux ] || fail "Baton releases are built for Linux; this runner is $(uname -s)"
arch="$(uname -m)"
name="baton-$version-linux-$arch"
cache="${RUNNER_TOOL_CACHE:?RUNNER_TOOL_CACHE is not set}/baton/$version/$arch"

if [ -f "$cache.complete" ] && [ -x "$cache/bin/baton" ]; then
  echo "Baton $version from the tool cache ($cache)"
else
  download="$(mktemp -d)"
  trap 'rm -rf "$download"' EXIT
  curl -fsSL --retry 3 -o "$download/$name.tar.gz.sha256" "$base/v$version/$name.tar.gz.sha256" \
    || fail "unknown Baton version $version: no release checksum at $base/v$version/$name.tar.gz.sha256"
  curl -fsSL --retry 3 -o "$download/$name.tar.gz" "$base/v$version/$name.tar.gz" \
    || fail "missing release: Baton $version publishes a checksum but no $name.tar.gz at $base/v$version/"
  expected="$(cut -d ' ' -f 1 < "$download/$name.tar.gz.sha256")"
  actual="$(sha256sum "$download/$name.tar.gz" | cut -d ' ' -f 1)"
  [ "$expected" = "$actual" ] \
    || fail "wrong checksum for $name.tar.gz: published $expected, downloaded file has $actual"
  rm -rf "$cache" && mkdir -p "$cache"
  tar -xzf "$download/$name.tar.gz" -C "$cache" --strip-components=1
  touch "$cache.complete"
  echo "Baton $version downloaded and verified (sha256 $actual)"
fi

echo "$cache/bin" >> "$GITHUB_PATH"
echo "path=$cache/bin/baton" >> "$GITHUB_OUTPUT"
"$cache/bin/baton" --version
