// The seam between the window and the calendar accounts module
// (ui/calendaraccountsmodule.h): the window starts without QtNetwork and
// libcrypto, and loads them with the module when the accounts are first
// needed. This test links neither, so what is mapped is the module's doing.

#include "calendaraccountsmodule.h"
#include "demobook.h"
#include "mainwindow.h"
#include "modal.h"

#include "auth/accountsettings.h"

#include <QDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <link.h>

#include <memory>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

// The shared objects of this process whose file name contains `part`.
QStringList loaded(const char *part)
{
    struct Search
    {
        const char *part;
        QStringList found;
    } search{part, {}};
    dl_iterate_phdr(
            [](dl_phdr_info *info, size_t, void *data) {
                auto *s = static_cast<Search *>(data);
                if (info->dlpi_name && std::strstr(info->dlpi_name, s->part))
                    s->found << QString::fromLocal8Bit(info->dlpi_name);
                return 0;
            },
            &search);
    return search.found;
}

// What a start must not map (docs/desktop.md "Starting").
QStringList networkLibraries()
{
    return loaded("libQt6Network") + loaded("libcrypto") + loaded("chairside-calendar-accounts");
}

} // namespace

class TestCalendarAccountsModule : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void missingModuleIsSaid();
    void windowLoadsTheModuleWhenTheDialogOpens();
    void connectedAccountsLoadItAfterTheFirstPaint();

private:
    // The window on the demo day with the module's accounts kept in
    // `settingsPath`, shown; null if it was not exposed.
    std::unique_ptr<MainWindow> showWindow(const QString &settingsPath);

    DemoBook m_book;
    QTemporaryDir m_accountsDir;
};

void TestCalendarAccountsModule::initTestCase()
{
    const QString error = m_book.open();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(m_accountsDir.isValid());
    QVERIFY2(networkLibraries().isEmpty(), qPrintable(networkLibraries().join(u' ')));
}

std::unique_ptr<MainWindow> TestCalendarAccountsModule::showWindow(const QString &settingsPath)
{
    auto window = std::make_unique<MainWindow>(&m_book.store(),
                                               CalendarAccountsModule::source(settingsPath));
    window->showDate(DemoBook::Day);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    return window;
}

void TestCalendarAccountsModule::missingModuleIsSaid()
{
    // Not beside this test, not installed, and the folder named is empty.
    QTemporaryDir empty;
    qputenv("CHAIRSIDE_MODULE_DIR", QFile::encodeName(empty.path()));
    const std::unique_ptr<MainWindow> shown =
            showWindow(AccountSettings::pathIn(m_accountsDir.path()));
    QVERIFY(shown);
    MainWindow &window = *shown;

    QString said;
    whenModal([&said](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        said = box ? box->text() : QStringLiteral("not a message box");
        modal->close();
    });
    window.showCalendarAccounts();
    QVERIFY2(said.contains(QLatin1String(CalendarAccountsModule::fileName)), qPrintable(said));
    QVERIFY2(said.contains(QLatin1String("Reinstall Chairside")), qPrintable(said));
    QVERIFY(!window.calendarAccountsDialog());
    QVERIFY(networkLibraries().isEmpty());
}

void TestCalendarAccountsModule::windowLoadsTheModuleWhenTheDialogOpens()
{
    qputenv("CHAIRSIDE_MODULE_DIR", CHAIRSIDE_MODULE_BUILD_DIR);
    const std::unique_ptr<MainWindow> shown =
            showWindow(AccountSettings::pathIn(m_accountsDir.path()));
    QVERIFY(shown);
    MainWindow &window = *shown;
    QCoreApplication::processEvents(); // what comes after the first paint
    QVERIFY2(networkLibraries().isEmpty(), qPrintable(networkLibraries().join(u' ')));

    auto *open = window.findChild<QToolButton *>(QStringLiteral("calendarAccountsButton"));
    QVERIFY(open);
    QTest::mouseClick(open, Qt::LeftButton);
    QDialog *dialog = window.calendarAccountsDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(dialog->windowTitle().contains(QLatin1String("Calendar accounts")));
    // A row with Connect buttons for each of the demo's stylists.
    QVERIFY(dialog->findChild<QPushButton *>());
    QVERIFY(!loaded("chairside-calendar-accounts").isEmpty());
    QVERIFY(!loaded("libQt6Network").isEmpty());
    dialog->close();
}

void TestCalendarAccountsModule::connectedAccountsLoadItAfterTheFirstPaint()
{
    // One account recorded as needing a reconnect (no keychain is asked:
    // nothing refreshes a dead account).
    QTemporaryDir dir;
    const QString settingsPath = AccountSettings::pathIn(dir.path());
    {
        QSettings settings(settingsPath, QSettings::IniFormat);
        settings.beginGroup(QStringLiteral("accounts/anna"));
        settings.setValue(QStringLiteral("id"), QStringLiteral("anna"));
        settings.setValue(QStringLiteral("staffId"), QStringLiteral("staff-1"));
        settings.setValue(QStringLiteral("provider"), QStringLiteral("microsoft"));
        settings.setValue(QStringLiteral("state"), QStringLiteral("needsReconnect"));
    }
    QVERIFY(AccountSettings::hasAccounts(settingsPath));
    QVERIFY(!AccountSettings::hasAccounts(AccountSettings::pathIn(m_accountsDir.path())));

    qputenv("CHAIRSIDE_MODULE_DIR", CHAIRSIDE_MODULE_BUILD_DIR);
    const std::unique_ptr<MainWindow> shown = showWindow(settingsPath);
    QVERIFY(shown);
    MainWindow &window = *shown;
    QTRY_VERIFY(window.findChild<QToolButton *>(QStringLiteral("accountsWarningButton")));
    auto *warning = window.findChild<QToolButton *>(QStringLiteral("accountsWarningButton"));
    QTRY_VERIFY(warning->isVisible());
    QCOMPARE(warning->text(), QStringLiteral("1 calendar account to reconnect"));
}

QTEST_MAIN(TestCalendarAccountsModule)
#include "tst_calendaraccountsmodule.moc"
