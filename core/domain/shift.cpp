#include "shift.h"
