#include "markdown_arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Blocks of at least 64 KiB, chained; every allocation is preceded by a header holding its
// size, so that realloc knows how much to copy, and is aligned to 16 bytes. A reset frees every
// block: nothing stays with a thread that may end (a long `baton serve` sees many), and blocks
// this size come back from malloc's free lists, not from the kernel.
enum { ALIGNMENT = 16, HEADER = 16, BLOCK_SIZE = 64 * 1024 };

typedef struct block {
  struct block *next;
  size_t size;
  size_t used;
  size_t padding;  // keeps data 16-byte aligned
  unsigned char data[];
} block;

static _Thread_local block *current;  // the block allocations come from; the chain's head
static _Thread_local unsigned char *last;  // the most recent allocation, which may grow in place

static size_t round_up(size_t size) { return (size + ALIGNMENT - 1) & ~(size_t)(ALIGNMENT - 1); }

// cmark-gfm's own allocator aborts when memory runs out, and cmark never checks for NULL: so
// does this one.
static void out_of_memory(void) {
  fputs("baton: out of memory while parsing Markdown\n", stderr);
  abort();
}

static void *allocate(size_t size) {
  size_t needed = HEADER + round_up(size == 0 ? 1 : size);
  if (needed < size) out_of_memory();  // overflow
  if (current == NULL || current->size - current->used < needed) {
    size_t capacity = needed > BLOCK_SIZE ? needed : BLOCK_SIZE;
    block *fresh = malloc(sizeof(block) + capacity);
    if (fresh == NULL) out_of_memory();
    fresh->next = current;
    fresh->size = capacity;
    fresh->used = 0;
    current = fresh;
  }
  unsigned char *start = current->data + current->used;
  current->used += needed;
  *(size_t *)start = size;
  last = start + HEADER;
  return last;
}

void *baton_arena_calloc(size_t count, size_t size) {
  if (size != 0 && count > SIZE_MAX / size) out_of_memory();
  void *pointer = allocate(count * size);
  memset(pointer, 0, count * size);
  return pointer;
}

void *baton_arena_realloc(void *pointer, size_t size) {
  if (pointer == NULL) return allocate(size);
  size_t *header = (size_t *)((unsigned char *)pointer - HEADER);
  size_t old = *header;
  if (pointer == last) {
    // The newest allocation grows (or shrinks) where it is when the block has room.
    size_t offset = (size_t)((unsigned char *)pointer - current->data);
    size_t needed = round_up(size == 0 ? 1 : size);
    if (needed >= size && offset + needed <= current->size) {
      current->used = offset + needed;
      *header = size;
      return pointer;
    }
  }
  void *fresh = allocate(size);
  memcpy(fresh, pointer, old < size ? old : size);
  return fresh;
}

void baton_arena_free(void *pointer) { (void)pointer; }

void baton_arena_reset(void) {
  block *item = current;
  while (item != NULL) {
    block *next = item->next;
    free(item);
    item = next;
  }
  current = NULL;
  last = NULL;
}
