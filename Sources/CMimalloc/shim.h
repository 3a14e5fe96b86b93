#ifndef CONVENE_CMIMALLOC_SHIM_H
#define CONVENE_CMIMALLOC_SHIM_H
// mimalloc (Debian's libmimalloc2.0) takes over malloc and free for the whole `convene` process,
// libical's and libyaml's included: linking it is all it takes. Only its version is called, for
// `convene --version` (which keeps the library linked).
#include <mimalloc.h>
#endif
