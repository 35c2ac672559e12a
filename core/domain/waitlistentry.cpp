#include "waitlistentry.h"
