#pragma once

#include <QStringList>

namespace chairside::testsupport {

// Keeps every log message of the run ("category: text") while installed, so a
// test can search them for tokens, codes and personal data.
class LogRecorder
{
public:
    static void install();
    static void uninstall();
    static QStringList lines();
};

} // namespace chairside::testsupport
