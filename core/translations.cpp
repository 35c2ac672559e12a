#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace chairside {

namespace {

void install(QCoreApplication &app, const QLocale &locale, const QString &name,
             const QString &folder)
{
    auto *translator = new QTranslator(&app);
    if (translator->load(locale, name, QStringLiteral("_"), folder))
        QCoreApplication::installTranslator(translator);
    else
        delete translator;
}

} // namespace

void installTranslations(QCoreApplication &app, const QLocale &locale, bool withQt)
{
    if (withQt)
        install(app, locale, QStringLiteral("qtbase"),
                QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    const QString ours = QStringLiteral(":/i18n");
    // Installed later wins: the user's language over English.
    install(app, QLocale(QLocale::English), QStringLiteral("chairside"), ours);
    if (locale.language() != QLocale::English && locale.language() != QLocale::C)
        install(app, locale, QStringLiteral("chairside"), ours);
}

} // namespace chairside
