#include "pkce.h"
