#ifndef BATON_BUILD_INFO_H
#define BATON_BUILD_INFO_H

/* The release version, read from the VERSION file by Package.swift. */
const char *baton_build_version(void);

/* The commit the binary was built from: `make dist` passes it; plain builds say "unknown". */
const char *baton_build_commit(void);

#endif
