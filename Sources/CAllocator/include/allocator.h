#ifndef BATON_ALLOCATOR_H
#define BATON_ALLOCATOR_H

/* Baton's allocator on Linux is jemalloc (Debian's libjemalloc-dev), linked into the binary in
 * place of glibc's malloc; elsewhere the system's allocator is used as it is.
 *
 * Why: a cold build of 40,000 pages makes and drops a great many small blocks (strings,
 * arrays, view models) on two or more threads. glibc's malloc served most of them through its
 * bins rather than its per-thread cache, about 14% of the build's user time. With jemalloc the
 * release tarball's build of that corpus took 14.2 s of user time against 15.9-16.6 s
 * (alternating runs), and the same binary with jemalloc preloaded 13.5-14.2 s against 16.0-16.5.
 *
 * Its options (`malloc_conf` in allocator.c), for the peak resident memory:
 * - one arena: by default each thread gets an arena of its own (up to four per core), and what
 *   one phase freed on one worker thread could not serve the next phase on another (40,000
 *   pages: 995-1074 MiB resident with the default, 922-947 MiB with one arena, 889 MiB with
 *   glibc's malloc and one arena). Each thread keeps a cache of small blocks of its own.
 * - freed pages handed back to the system a second after they were last used (instead of ten),
 *   and at once rather than kept in a second, lazier state: 908-920 MiB.
 *
 * `baton_configure_allocator` must be called once, early: it is what links jemalloc in. */
void baton_configure_allocator(void);

#endif
