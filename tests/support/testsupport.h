#pragma once

namespace chairside::testsupport {
}
