#include <git2.h>
#include <zlib.h>

/* Swift cannot call variadic C functions or macros; these wrap the few BatonGit needs. */

/* Sets a libgit2 option that takes one int argument (e.g. strict hash verification). */
static inline int baton_git_opt_int(int option, int value) {
  return git_libgit2_opts(option, value);
}

/* Sets the object cache limit for one object type (GIT_OPT_SET_CACHE_OBJECT_LIMIT). */
static inline int baton_git_set_cache_object_limit(git_object_t type, size_t limit) {
  return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, type, limit);
}

/* Sets the total object cache size (GIT_OPT_SET_CACHE_MAX_SIZE). */
static inline int baton_git_set_cache_max_size(ssize_t bytes) {
  return git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, bytes);
}

/* inflateInit is a macro over inflateInit_ with the header's version. */
static inline int baton_inflate_init(z_stream *stream) {
  return inflateInit(stream);
}
