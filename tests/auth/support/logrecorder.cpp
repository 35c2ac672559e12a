#include "logrecorder.h"

#include <QMutex>
#include <QtGlobal>

namespace chairside::testsupport {

namespace {

QMutex logMutex;
QStringList logLines;
QtMessageHandler previousHandler = nullptr;

void record(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&logMutex);
        logLines.append(QString::fromLatin1(context.category ? context.category : "default")
                        + QLatin1String(": ") + message);
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

} // namespace

void LogRecorder::install()
{
    previousHandler = qInstallMessageHandler(record);
}

void LogRecorder::uninstall()
{
    qInstallMessageHandler(previousHandler);
}

QStringList LogRecorder::lines()
{
    QMutexLocker lock(&logMutex);
    return logLines;
}

} // namespace chairside::testsupport
