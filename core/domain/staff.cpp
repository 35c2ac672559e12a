#include "staff.h"
