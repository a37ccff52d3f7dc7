/*
 * Stands in for GSSAPI (Kerberos) in the release binary (`make dist`).
 *
 * Debian's libgit2 uses GSSAPI only for SPNEGO ("Negotiate") authentication over HTTP, a network
 * transport Baton never uses, and Debian ships Kerberos without static archives. Each function
 * answers GSS_S_FAILURE, so libgit2 would report Negotiate as unavailable.
 */
#include <stddef.h>

typedef unsigned int om_uint32;

#define GSS_S_FAILURE (13u << 16)

void *GSS_C_NT_HOSTBASED_SERVICE = NULL;

#define NO_GSSAPI(name) \
  om_uint32 name(om_uint32 *minor_status) { \
    if (minor_status != NULL) *minor_status = 0; \
    return GSS_S_FAILURE; \
  }

NO_GSSAPI(gss_delete_sec_context)
NO_GSSAPI(gss_display_status)
NO_GSSAPI(gss_import_name)
NO_GSSAPI(gss_indicate_mechs)
NO_GSSAPI(gss_init_sec_context)
NO_GSSAPI(gss_release_buffer)
NO_GSSAPI(gss_release_name)
NO_GSSAPI(gss_release_oid_set)
