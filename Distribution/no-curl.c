/*
 * Stands in for libcurl in the release binary (`make dist`).
 *
 * FlyingFox (the server behind `baton serve`) imports FoundationNetworking, and with
 * --static-swift-stdlib that pulls swift-corelibs-foundation's URLSession glue, which calls
 * libcurl. Baton never makes a network request, and a static libcurl would drag in OpenSSL,
 * Kerberos (which Debian ships without static archives), LDAP and a dozen more libraries, so
 * the release links these functions instead: each says why it cannot work and aborts.
 */
#include <stdio.h>
#include <stdlib.h>

static void no_network(const char *function) {
  fprintf(stderr, "baton: %s called, but this build has no network client (libcurl)\n", function);
  abort();
}

#define NO_CURL(name) \
  void *name(void) { no_network(#name); return NULL; }

NO_CURL(curl_global_init)
NO_CURL(curl_version)
NO_CURL(curl_version_info)
NO_CURL(curl_free)
NO_CURL(curl_easy_init)
NO_CURL(curl_easy_cleanup)
NO_CURL(curl_easy_setopt)
NO_CURL(curl_easy_getinfo)
NO_CURL(curl_easy_pause)
NO_CURL(curl_easy_strerror)
NO_CURL(curl_multi_init)
NO_CURL(curl_multi_cleanup)
NO_CURL(curl_multi_add_handle)
NO_CURL(curl_multi_remove_handle)
NO_CURL(curl_multi_assign)
NO_CURL(curl_multi_setopt)
NO_CURL(curl_multi_socket_action)
NO_CURL(curl_multi_info_read)
NO_CURL(curl_slist_append)
NO_CURL(curl_slist_free_all)
NO_CURL(curl_url)
NO_CURL(curl_url_get)
NO_CURL(curl_url_set)
