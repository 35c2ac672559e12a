#pragma once

#include <QLocale>

class QCoreApplication;

namespace chairside {

// Installs Chairside's translations on `app`: the English one always (it
// holds the plural forms of "%n appointment(s)"), then `locale`'s language
// over it when Chairside has one, and with `withQt` Qt's own strings too.
void installTranslations(QCoreApplication &app, const QLocale &locale = QLocale(),
                         bool withQt = false);

} // namespace chairside
