#!/usr/bin/env bash
# `make dist`: builds the release binary (Swift runtime, Foundation, libgit2, cmark-gfm and
# jemalloc linked statically) and packs dist/baton-<version>-linux-<arch>.tar.gz with its .sha256.
set -euo pipefail
cd "$(dirname "$0")/.."

version="$(tr -d '[:space:]' < VERSION)"
arch="$(uname -m)"
name="baton-$version-linux-$arch"
commit="$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
if [ "$commit" != unknown ] && ! git diff --quiet HEAD -- 2>/dev/null; then commit="$commit-dirty"; fi
# Every file's time in the tarball is the commit's, so two builds of one commit pack alike.
epoch="$(git log -1 --format=%ct 2>/dev/null || echo 0)"

Distribution/static-libraries.sh
# The build plan caches pkg-config's answer; dropping the plan (not the objects) re-reads it.
rm -f .build/dist/release.yaml
BATON_COMMIT="$commit" PKG_CONFIG_PATH="$PWD/.build/dist-libs/pkgconfig" \
  swift build -c release --scratch-path .build/dist --product baton \
  --static-swift-stdlib -Xswiftc -Xclang-linker -Xswiftc -static-libgcc \
  -Xlinker "$PWD/.build/dist-libs/jemalloc.o" \
  -Xlinker "$PWD/.build/dist-libs/no-ca-certificates.o" \
  -Xlinker --wrap=mbedtls_x509_crt_parse_file -Xlinker --wrap=mbedtls_x509_crt_parse_path
binary=".build/dist/release/baton"

stage="dist/stage/$name"
rm -rf dist/stage && mkdir -p "$stage"
Distribution/install-files.sh "$binary" "$stage" "$epoch"
strip "$stage/bin/baton"
cp LICENSE "$stage/LICENSE"
cp Distribution/README.md "$stage/README.md"

tarball="dist/$name.tar.gz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" \
  -C dist/stage -cf - "$name" | gzip -n -9 > "$tarball"
(cd dist && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
rm -rf dist/stage
echo "$tarball ($(du -h "$tarball" | cut -f1)), built from $commit"
ldd "$binary" | sed 's/^/  /'
