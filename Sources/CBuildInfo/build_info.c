#include "build_info.h"

/* Package.swift defines both from VERSION and the BATON_COMMIT environment variable; only this
   file is compiled with them, so a new commit recompiles one file and relinks. */
#ifndef BATON_VERSION
#define BATON_VERSION "unknown"
#endif
#ifndef BATON_COMMIT
#define BATON_COMMIT "unknown"
#endif

const char *baton_build_version(void) { return BATON_VERSION; }

const char *baton_build_commit(void) { return BATON_COMMIT; }
