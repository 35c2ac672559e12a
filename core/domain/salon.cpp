#include "salon.h"
