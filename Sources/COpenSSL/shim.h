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

/* Compound macros Swift cannot import. */
static const int MIMISIM_EVP_PKEY_PUBLIC_KEY = EVP_PKEY_PUBLIC_KEY;
static const int MIMISIM_EVP_PKEY_KEYPAIR = EVP_PKEY_KEYPAIR;
#endif
