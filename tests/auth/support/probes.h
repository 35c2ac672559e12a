#pragma once

#include <QtGlobal>

namespace chairside::testsupport {

// A loopback port nothing listens on: bound, then closed again; 0 when no
// port could be bound.
quint16 closedLoopbackPort();

// The process's peak resident memory (VmHWM in /proc/self/status) in KiB,
// or -1 where that cannot be read.
qint64 peakMemoryKiB();

} // namespace chairside::testsupport
