#pragma once

#include <QtGlobal>

namespace chairside::testsupport {

// A loopback port nothing listens on: bound, then closed again; 0 when no
// port could be bound.
quint16 closedLoopbackPort();

// The process's peak resident memory (VmHWM in /proc/self/status) in KiB,
// or -1 where that cannot be read. It never goes down: a figure to report,
// not to test a leak with.
qint64 peakMemoryKiB();
// The process's resident memory now (VmRSS) in KiB, or -1.
qint64 residentMemoryKiB();
// Bytes malloc has handed out and not had back (glibc's mallinfo2()), or -1
// where it cannot say (another C library, or AddressSanitizer's allocator);
// heapInUseUnknown then says why.
qint64 heapInUseBytes();
extern const char *const heapInUseUnknown;
// How many file descriptors the process holds open (sockets and listeners
// among them), or -1 where /proc/self/fd cannot be read.
int openFileDescriptors();

} // namespace chairside::testsupport
