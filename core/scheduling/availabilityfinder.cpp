#include "availabilityfinder.h"
