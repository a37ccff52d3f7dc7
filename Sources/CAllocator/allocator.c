#include "allocator.h"

#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

void baton_configure_allocator(void) {
#if defined(__GLIBC__)
  mallopt(M_ARENA_MAX, 1);
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}
