#!/usr/bin/env bash
# Lays out one baton binary under ROOT as an installed program: bin/baton, its man page and its
# bash, zsh and fish completions, all generated from the binary's own command tree.
#   Distribution/install-files.sh BINARY ROOT [EPOCH]
# EPOCH (seconds) dates the man page; it defaults to the last commit's, so a build is repeatable.
set -euo pipefail
cd "$(dirname "$0")/.."
binary="$1" root="$2"
epoch="${3:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}"

install -d "$root/bin" "$root/share/man/man1" "$root/share/bash-completion/completions" \
  "$root/share/zsh/site-functions" "$root/share/fish/vendor_completions.d"
install -m 755 "$binary" "$root/bin/baton"

"$binary" --generate-completion-script bash > "$root/share/bash-completion/completions/baton"
"$binary" --generate-completion-script zsh > "$root/share/zsh/site-functions/_baton"
"$binary" --generate-completion-script fish > "$root/share/fish/vendor_completions.d/baton.fish"

# argument-parser's manual generator, built (offline) by its GenerateManual plugin, reads the
# binary's --experimental-dump-help.
swift package generate-manual --help > /dev/null
generator="$(swift build --show-bin-path)/generate-manual-tool"
[ -x "$generator" ] || { echo "argument-parser's generate-manual tool not found at $generator" >&2; exit 1; }
manual="$(mktemp -d)"
"$generator" "$binary" --date "$(date -u -d "@$epoch" +%F)" --output-directory "$manual"
install -m 644 "$manual/baton.1" "$root/share/man/man1/baton.1"
rm -rf "$manual"
