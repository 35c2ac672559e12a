#include "appointment.h"
