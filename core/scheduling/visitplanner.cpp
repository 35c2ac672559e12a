#include "visitplanner.h"
