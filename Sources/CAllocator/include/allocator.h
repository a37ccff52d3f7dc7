#ifndef BATON_ALLOCATOR_H
#define BATON_ALLOCATOR_H

/* Keeps memory the process frees for reuse instead of handing it back to the system at once.
 *
 * By default glibc returns the top of a heap above 128 KiB as soon as it is freed, and maps
 * large blocks on their own, so a build that makes and drops tens of thousands of pages and
 * index parts faults the same memory in again and again. Peak memory is not raised: what is
 * kept is reused. Does nothing outside glibc. */
void baton_keep_freed_memory(void);

#endif
