// libzstd's streaming API, for compressed traces (.jsonl.zst).
#ifndef MIMISIM_CZSTD_SHIM_H
#define MIMISIM_CZSTD_SHIM_H
#include <zstd.h>
#endif
