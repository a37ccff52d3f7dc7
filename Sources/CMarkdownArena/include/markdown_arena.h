#ifndef BATON_MARKDOWN_ARENA_H
#define BATON_MARKDOWN_ARENA_H

#include <stddef.h>

/// A per-thread bump allocator for cmark-gfm's parser (its `cmark_mem`), so that parsing a
/// document costs no malloc or free per node and string buffer: everything one parse allocates
/// is dropped at once by `baton_arena_reset` when the document is read.
///
/// The three allocation functions have the signatures `cmark_mem` wants; like cmark-gfm's own,
/// they abort rather than return NULL when memory runs out. Each thread has its own arena: a
/// parse must allocate, read and reset on one thread, which is how Baton parses.

void *baton_arena_calloc(size_t count, size_t size);
void *baton_arena_realloc(void *pointer, size_t size);
/// Does nothing: memory comes back at `baton_arena_reset`.
void baton_arena_free(void *pointer);
/// Drops everything the calling thread's arena handed out and frees its blocks. Nothing
/// allocated since the last reset may be used afterwards.
void baton_arena_reset(void);

#endif
