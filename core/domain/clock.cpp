#include "clock.h"

namespace chairside {

const Clock &Clock::system()
{
    static const Clock clock;
    return clock;
}

} // namespace chairside
