#include "conflictchecker.h"
