#ifndef CONVENE_CLIBICAL_SHIM_H
#define CONVENE_CLIBICAL_SHIM_H
#include <libical/ical.h>
#endif
