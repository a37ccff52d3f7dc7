#!/usr/bin/env bash
# Lays out .build/dist-libs: pkg-config files that make SwiftPM link libgit2, cmark-gfm and their
# dependencies from Debian's static archives, the stand-ins (no-curl.c, no-gssapi.c, and
# no-ca-certificates.o, which make-dist.sh links as an object), and jemalloc as one object
# (jemalloc.o).
#
# SwiftPM puts a system library's pkg-config `-L` first on the link line, and the linker takes
# the first folder holding a lib<name>.so or .a; this folder holds only archives, so every -l
# that names one of them links statically. The ordinary build never sees this folder.
set -euo pipefail
cd "$(dirname "$0")/.."

out="$PWD/.build/dist-libs"
libdir="$(pkg-config --variable=libdir libgit2)"
mkdir -p "$out/pkgconfig"

# libgit2 (Debian's 1.5) needs mbedTLS, http-parser, libssh2 (built on OpenSSL's libcrypto),
# PCRE2 and zlib; its GSSAPI calls go to the stand-in.
git2_libs="git2 mbedtls mbedx509 mbedcrypto http_parser ssh2 crypto pcre2-8 z"
cmark_libs="cmark-gfm cmark-gfm-extensions"
for name in $git2_libs $cmark_libs; do
  [ -f "$libdir/lib$name.a" ] || { echo "missing $libdir/lib$name.a (install its -dev package)" >&2; exit 1; }
  ln -sf "$libdir/lib$name.a" "$out/lib$name.a"
done
# jemalloc (Sources/CAllocator) as one object, jemalloc.o, that make-dist.sh hands the linker,
# and an empty libjemalloc.a for CAllocator's -ljemalloc. Not the archive itself: the static
# Swift runtime links with --exclude-libs ALL, which keeps an archive's symbols out of the
# binary's exports, so the C library would go on calling its own malloc and free what jemalloc
# gave out (a crash). An object's malloc is exported, and the C library calls it. Its members
# are the position-independent ones, as the binary is, less the C++ operators.
members="$out/jemalloc-members"
rm -rf "$members" && mkdir -p "$members"
(cd "$members" && ar x "$libdir/libjemalloc_pic.a")
rm -f "$members"/jemalloc_cpp*.o
ld -r -o "$out/jemalloc.o" "$members"/*.o
rm -rf "$members" "$out/libjemalloc.a"
ar rcs "$out/libjemalloc.a"
# The Swift runtime asks for -lstdc++; its archive keeps libstdc++.so out of the binary.
ln -sf "$(c++ -print-file-name=libstdc++.a)" "$out/libstdc++.a"

for stub in no-curl no-gssapi no-ca-certificates; do
  cc -O2 -fPIC -c "Distribution/$stub.c" -o "$out/$stub.o"
done
rm -f "$out/libcurl.a" "$out/libbaton-no-gssapi.a"
ar rcsD "$out/libcurl.a" "$out/no-curl.o"
ar rcsD "$out/libbaton-no-gssapi.a" "$out/no-gssapi.o"

libs() { for name in "$@"; do printf -- ' -l%s' "$name"; done; }
cat > "$out/pkgconfig/libgit2.pc" <<PC
Name: libgit2
Description: libgit2 and its dependencies, from static archives
Version: $(pkg-config --modversion libgit2)
Libs: -L$out$(libs $git2_libs baton-no-gssapi)
Cflags: $(pkg-config --cflags libgit2)
PC
cat > "$out/pkgconfig/libcmark-gfm.pc" <<PC
Name: libcmark-gfm
Description: cmark-gfm and its extensions, from static archives
Version: $(pkg-config --modversion libcmark-gfm)
Libs: -L$out$(libs $cmark_libs)
Cflags: $(pkg-config --cflags libcmark-gfm)
PC
