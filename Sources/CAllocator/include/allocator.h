#ifndef BATON_ALLOCATOR_H
#define BATON_ALLOCATOR_H

/* Sets glibc's allocator up for Baton's work, before anything is allocated. Does nothing
 * outside glibc.
 *
 * One arena. glibc gives threads that contend for memory arenas of their own (up to eight per
 * core) and keeps what is freed in each for that arena's own allocations, so what one phase of
 * a build freed on one worker thread could not serve the next phase on another: a cold build of
 * 40,000 pages peaked at 1.2 GB resident for 0.8 GB of live heap, and at 0.86-0.95 GB with one
 * arena. Each thread keeps a cache of small blocks of its own, and there are few cores: the one
 * arena's lock cost no measurable CPU.
 *
 * Freed memory kept for reuse. By default glibc returns the top of a heap above 128 KiB as soon
 * as it is freed, and maps blocks from 128 KiB on their own, so a build that makes and drops
 * tens of thousands of pages and index parts faults the same memory in again and again. Blocks
 * under 1 MiB now come from the heap and the heap's top is kept up to 256 MiB; blocks of 1 MiB
 * and more (the search index's and the build state's arrays, made once) are still mapped and
 * handed back when freed: served from the heap, the holes they left raised the peak (40,000
 * pages: 0.84 GB resident with a 1 MiB threshold, 0.95-1.02 GB with 32 MiB). */
void baton_configure_allocator(void);

#endif
