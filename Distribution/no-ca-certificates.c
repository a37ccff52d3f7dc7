/*
 * Keeps libgit2 from reading the system's CA certificates in the release binary (`make dist`).
 *
 * Debian's libgit2 parses the whole CA bundle (/etc/ssl/certs/ca-certificates.crt, about 150
 * certificates in PEM) in git_libgit2_init, for HTTPS remotes. Baton never talks to a remote,
 * and the parse costs about 53 million instructions (15 ms) at the start of every command, on
 * the thread that then opens the repository. make-dist.sh links with
 * --wrap=mbedtls_x509_crt_parse_file and --wrap=mbedtls_x509_crt_parse_path, so libgit2's calls
 * land here: each answers that the certificates cannot be read, as when the bundle is missing,
 * and libgit2 goes on without them (an HTTPS connection would then fail its certificate check).
 */

/* mbedTLS's MBEDTLS_ERR_X509_FILE_IO_ERROR: the file could not be read. */
#define NO_CERTIFICATES (-0x2900)

int __wrap_mbedtls_x509_crt_parse_file(void *chain, const char *path) {
  (void)chain;
  (void)path;
  return NO_CERTIFICATES;
}

int __wrap_mbedtls_x509_crt_parse_path(void *chain, const char *path) {
  (void)chain;
  (void)path;
  return NO_CERTIFICATES;
}
