// The parts of OpenSSL 3.0's libcrypto that MLSCrypto uses (EVP, KDF, params, errors).
#ifndef MIMISIM_COPENSSL_SHIM_H
#define MIMISIM_COPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/ec.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <openssl/param_build.h>
#include <openssl/ecdsa.h>
#include <openssl/opensslv.h>

/* SHA-256 without the EVP layer: no context allocation or provider dispatch per digest, for the many
 * short inputs of HMAC/HKDF. OpenSSL 3.0 deprecates these functions (not removed); the wrappers keep the
 * deprecation warning out of Swift. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
static inline void mimisim_sha256_init(SHA256_CTX *c) { (void)SHA256_Init(c); }
static inline void mimisim_sha256_update(SHA256_CTX *c, const void *data, size_t len) { (void)SHA256_Update(c, data, len); }
static inline void mimisim_sha256_final(unsigned char *md, SHA256_CTX *c) { (void)SHA256_Final(md, c); }
/* One-shot SHA256() goes through EVP_Q_digest in 3.0 (a fetch and a context per call): use the stack context. */
static inline void mimisim_sha256(const unsigned char *data, size_t len, unsigned char *md) {
    SHA256_CTX c;
    (void)SHA256_Init(&c);
    (void)SHA256_Update(&c, data, len);
    (void)SHA256_Final(md, &c);
}
#pragma GCC diagnostic pop

/* Compound macros Swift cannot import. */
static const int MIMISIM_EVP_PKEY_PUBLIC_KEY = EVP_PKEY_PUBLIC_KEY;
static const int MIMISIM_EVP_PKEY_KEYPAIR = EVP_PKEY_KEYPAIR;
#endif
