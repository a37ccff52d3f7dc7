#include "allocator.h"

#if defined(__linux__)
#include <jemalloc/jemalloc.h>

/* jemalloc reads its options from this symbol when it starts, before the first allocation. */
const char *malloc_conf = "narenas:1,dirty_decay_ms:1000,muzzy_decay_ms:0";

void baton_configure_allocator(void) {
  /* Asks jemalloc for its version: a call into it, so that a linker that drops the libraries
   * nothing calls (--as-needed) keeps it, and with it the binary's malloc. */
  const char *version = NULL;
  size_t length = sizeof version;
  (void)mallctl("version", &version, &length, NULL, 0);
}
#else
void baton_configure_allocator(void) {}
#endif
