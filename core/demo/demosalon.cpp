#include "demosalon.h"
