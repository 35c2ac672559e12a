#include "appointmentbook.h"
