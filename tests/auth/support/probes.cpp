#include "probes.h"

#include <QDir>
#include <QFile>
#include <QList>
#include <QTcpServer>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace chairside::testsupport {

quint16 closedLoopbackPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

namespace {

// A "Name:   1234 kB" line of /proc/self/status, in KiB.
qint64 statusKiB(const QByteArray &name)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(name + ':'))
            return line.mid(name.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

qint64 peakMemoryKiB()
{
    return statusKiB("VmHWM");
}

qint64 residentMemoryKiB()
{
    return statusKiB("VmRSS");
}

#if defined(__SANITIZE_ADDRESS__)
const char *const heapInUseUnknown = "AddressSanitizer's allocator is not malloc's";
qint64 heapInUseBytes()
{
    return -1;
}
#elif defined(__GLIBC__)
const char *const heapInUseUnknown = "";
qint64 heapInUseBytes()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd); // in the arenas, and mmap()ed blocks
}
#else
const char *const heapInUseUnknown = "only glibc's malloc says how much it holds";
qint64 heapInUseBytes()
{
    return -1;
}
#endif

int openFileDescriptors()
{
    const QDir fds(QStringLiteral("/proc/self/fd"));
    if (!fds.exists())
        return -1;
    // Counts the one that reads the folder too: compare counts, the offset cancels.
    return int(fds.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot).size());
}

} // namespace chairside::testsupport
