#!/usr/bin/env bash
# Proves the release tarball runs on a bare Debian: unpacks it into a minimal bookworm root
# (debootstrap --variant=minbase: no Swift, libgit2, cmark-gfm or git there) and, under chroot,
# runs baton --version, check, build and search on a small repository made here with git, and
# checks that baton does not read the system's CA certificates (strace).
#   Distribution/test/chroot.sh [TARBALL]
# Outside CI the root is kept in $BATON_TEST_ROOT (default /var/cache/baton-dist-test/bookworm)
# and reused; with CI=true it is made fresh in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
tarball="${1:-$(ls dist/baton-*-linux-"$(uname -m)".tar.gz | head -n 1)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0 passes=0
check() { # check NAME COMMAND… : runs the command, counts it passed or failed
  local name="$1"; shift
  if "$@" > "$work/out" 2>&1; then passes=$((passes + 1)); echo "ok: $name"
  else failures=$((failures + 1)); echo "FAILED: $name"; sed 's/^/  | /' "$work/out"; fi
}

if [ "${CI:-}" = true ]; then root="$work/root"; else root="${BATON_TEST_ROOT:-/var/cache/baton-dist-test/bookworm}"; fi
if [ ! -x "$root/bin/sh" ]; then
  echo "making a minimal Debian root in $root (debootstrap --variant=minbase bookworm)"
  rm -rf "$root.partial" && mkdir -p "$(dirname "$root")"
  debootstrap --variant=minbase bookworm "$root.partial" > "$work/debootstrap.log" 2>&1 \
    || { tail -n 20 "$work/debootstrap.log"; exit 1; }
  mv "$root.partial" "$root"
fi
# The Swift runtime reads a program's arguments from /proc/self/cmdline: mount /proc, as any
# running system has it, and never delete through a mount that is still there.
mount -t proc proc "$root/proc"
trap 'umount "$root/proc"; mountpoint -q "$root/proc" || rm -rf "$work"' EXIT
rm -rf "$root/opt/baton" "$root/srv/handbook"
mkdir -p "$root/opt/baton" "$root/srv"
tar -xzf "$tarball" -C "$root/opt/baton" --strip-components=1

# The repository: one decision, one update and one handbook page, committed with git outside.
repo="$root/srv/handbook"
mkdir -p "$repo/decisions" "$repo/updates" "$repo/handbook"
printf -- '---\nstatus: accepted\nowner: "@ada"\ndate: 2026-11-02\n---\n# 1. Keep decisions in git\n\n## Context\nDecisions get lost in chat.\n\n## Proposal\nWrite each one as Markdown in this repository.\n' \
  > "$repo/decisions/0001-keep-decisions-in-git.md"
printf -- '---\nauthor: "@ada"\ndate: 2026-11-06\nstatus: on-track\n---\n# Week 45\n\n## Summary\nThe glacier survey is on track.\n\n## Progress\nMapped the moraine.\n\n## Blockers\nNone.\n\n## Next Steps\nCore samples.\n' \
  > "$repo/updates/2026-11-06-week-45.md"
printf -- '---\nowner: "@ada"\nreview-by: 2030-01-01\n---\n# How releases work\n\n## Summary\nTag, build, publish.\n' \
  > "$repo/handbook/releases.md"
git -C "$repo" init -q -b main
git -C "$repo" -c user.name=Ada -c user.email=ada@example.com add -A
git -C "$repo" -c user.name=Ada -c user.email=ada@example.com commit -q -m "First documents"

# Runs one shell command as root of the minimal system, in the repository, with nothing of ours
# on the way but /opt/baton/bin.
in_root() {
  chroot "$root" /usr/bin/env -i PATH=/opt/baton/bin:/usr/bin:/bin HOME=/root \
    /bin/sh -c "cd /srv/handbook && $1"
}
root_is_bare() {
  ! ls "$root"/usr/lib/*/libgit2* "$root"/usr/lib/*/libcmark* "$root"/usr/lib/*/libswiftCore* \
    "$root"/usr/bin/git "$root"/usr/bin/swift 2> /dev/null | grep -q .
}
version_names_libraries() {
  in_root 'baton --version' > "$work/version" && cat "$work/version" \
    && grep -q '^baton [0-9]' "$work/version" && grep -q '^libgit2 1\.' "$work/version" \
    && grep -q '^commit [0-9a-f]\{12\}' "$work/version" \
    && grep -q '^cmark-gfm 0\.' "$work/version"
}
check_is_clean() { in_root 'baton check' 2>&1 | tee /dev/stderr | grep -q '0 errors, 0 warnings in 3 documents'; }
check_finds_broken() { # a decision without its Proposal: exit 1 and the rule's message
  printf -- '---\nstatus: proposed\n---\n# 2. Broken\n\n## Context\nx\n' > "$repo/decisions/0002-broken.md"
  local status=0; in_root 'baton check' > "$work/broken" 2>&1 || status=$?
  rm "$repo/decisions/0002-broken.md"; cat "$work/broken"
  [ "$status" -eq 1 ] && grep -q 'decisions/0002-broken.md:.*error' "$work/broken"
}
build_writes_site() {
  in_root 'baton build' && test -s "$repo/_site/index.html" \
    && grep -rq 'Keep decisions in git' "$repo/_site/decisions/"
}
# Debian's libgit2 parses the system's CA bundle at start-up, for HTTPS remotes Baton never
# uses; the release is linked not to (Distribution/no-ca-certificates.c). With a bundle where
# libgit2 looks for it, baton check runs without opening it.
skips_ca_certificates() {
  local bundle="$root/etc/ssl/certs/ca-certificates.crt"
  if [ ! -s "$bundle" ]; then
    mkdir -p "$(dirname "$bundle")"
    cp /etc/ssl/certs/ca-certificates.crt "$bundle" 2> /dev/null \
      || printf -- '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' > "$bundle"
  fi
  strace -f -e trace=openat -o "$work/trace" chroot "$root" /usr/bin/env -i \
    PATH=/opt/baton/bin:/usr/bin:/bin HOME=/root /bin/sh -c 'cd /srv/handbook && baton check' \
    && grep -q 'decisions' "$work/trace" && ! grep 'ca-certificates' "$work/trace"
}
search_ranks_decision() { in_root 'baton search chat --format json' | tee /dev/stderr | grep -q '0001-keep-decisions-in-git'; }

check "no Swift runtime, libgit2, cmark-gfm or git in the root" root_is_bare
check "baton --version names the libgit2 and cmark-gfm inside" version_names_libraries
check "baton check: a clean repository" check_is_clean
check "baton check: a broken decision fails with its message" check_finds_broken
check "baton build writes the site" build_writes_site
check "baton search finds the decision" search_ranks_decision
check "baton never opens the CA certificates" skips_ca_certificates

echo "chroot: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
