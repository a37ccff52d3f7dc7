#include "markdown_arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// Blocks of at least 256 KiB, chained; every allocation is preceded by a header holding its
// size, so that realloc knows how much to copy, and is aligned to 16 bytes.
enum { ALIGNMENT = 16, HEADER = 16, BLOCK_SIZE = 256 * 1024 };

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

static void *allocate(size_t size) {
  size_t needed = HEADER + round_up(size == 0 ? 1 : size);
  if (needed < size) return NULL;  // overflow
  if (current == NULL || current->size - current->used < needed) {
    size_t capacity = needed > BLOCK_SIZE ? needed : BLOCK_SIZE;
    block *fresh = malloc(sizeof(block) + capacity);
    if (fresh == NULL) return NULL;
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
  if (size != 0 && count > SIZE_MAX / size) return NULL;
  void *pointer = allocate(count * size);
  if (pointer != NULL) memset(pointer, 0, count * size);
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
  if (fresh != NULL) memcpy(fresh, pointer, old < size ? old : size);
  return fresh;
}

void baton_arena_free(void *pointer) { (void)pointer; }

void baton_arena_reset(void) {
  if (current == NULL) return;
  // Keep the oldest block of the normal size for the next parse; free the rest.
  block *keep = NULL;
  block *item = current;
  while (item != NULL) {
    block *next = item->next;
    if (keep == NULL && item->size == BLOCK_SIZE && next == NULL) {
      keep = item;
    } else {
      free(item);
    }
    item = next;
  }
  if (keep != NULL) keep->used = 0;
  current = keep;
  last = NULL;
}
