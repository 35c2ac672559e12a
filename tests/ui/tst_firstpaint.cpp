#include "demobook.h"
#include "firstpaintexit.h"

#include "auth/accountsettings.h"

#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace chairside;
using namespace chairside::testsupport;

// `chairside --exit-after-first-paint`, the hook tests/bench/bench_coldstart
// times a cold start with: the real app on a book says when its day view
// has painted, and quits by itself.
class TestFirstPaint : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void saysSoAndQuitsAfterTheDayIsPainted();
    void hiddenFromHelp();
    void noNetworkLibrariesBeforeThePaint();

private:
    QProcess *start(const QStringList &arguments);

    DemoBook m_book;
    QTemporaryDir m_home; // the app's settings, not the user's
};

void TestFirstPaint::initTestCase()
{
    const QString error = m_book.open();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(m_home.isValid());
}

QProcess *TestFirstPaint::start(const QStringList &arguments)
{
    auto *process = new QProcess(this);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.path());
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process->setProcessEnvironment(environment);
    process->start(QStringLiteral(CHAIRSIDE_APP), arguments);
    return process;
}

void TestFirstPaint::saysSoAndQuitsAfterTheDayIsPainted()
{
    QProcess *app = start({QStringLiteral("--data-dir"), m_book.dir(), QStringLiteral("--date"),
                           DemoBook::Day.toString(Qt::ISODate),
                           QStringLiteral("--exit-after-first-paint")});
    QVERIFY2(app->waitForFinished(60 * 1000), "chairside did not quit after painting");
    QCOMPARE(app->exitStatus(), QProcess::NormalExit);
    QCOMPARE(app->exitCode(), 0);
    QCOMPARE(app->readAllStandardOutput().trimmed(), QByteArray(FirstPaintExit::line));
}

void TestFirstPaint::hiddenFromHelp()
{
    // A timing hook, not something for the front desk to read about.
    QProcess *app = start({QStringLiteral("--help")});
    QVERIFY(app->waitForFinished(60 * 1000));
    const QByteArray help = app->readAllStandardOutput();
    QVERIFY2(help.contains("--data-dir"), help.constData());
    QVERIFY2(!help.contains("first-paint"), help.constData());
}

void TestFirstPaint::noNetworkLibrariesBeforeThePaint()
{
    // QtNetwork and libcrypto come with the calendar accounts module, which
    // the window loads when first needed: after the first paint when an
    // account is connected (as here), else when the dialog opens. The
    // loader's log (LD_DEBUG=files) and the paint line share one pipe, so
    // their order is the order they happened in.
    const QString settingsPath = AccountSettings::pathIn(m_book.dir());
    {
        QSettings settings(settingsPath, QSettings::IniFormat);
        settings.setValue(QStringLiteral("accounts/anna/id"), QStringLiteral("anna"));
        settings.setValue(QStringLiteral("accounts/anna/provider"), QStringLiteral("microsoft"));
        settings.setValue(QStringLiteral("accounts/anna/state"), QStringLiteral("needsReconnect"));
    }
    auto *app = new QProcess(this);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.path());
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("LD_DEBUG"), QStringLiteral("files"));
    app->setProcessEnvironment(environment);
    app->setProcessChannelMode(QProcess::MergedChannels);
    app->start(QStringLiteral(CHAIRSIDE_APP),
               {QStringLiteral("--data-dir"), m_book.dir(), QStringLiteral("--date"),
                DemoBook::Day.toString(Qt::ISODate), QStringLiteral("--exit-after-first-paint")});
    const bool finished = app->waitForFinished(60 * 1000);
    QFile::remove(settingsPath);
    QVERIFY2(finished, "chairside did not quit after painting");
    QCOMPARE(app->exitCode(), 0);
    const QByteArray output = app->readAll();
    const qsizetype painted = output.indexOf(FirstPaintExit::line);
    QVERIFY2(painted > 0, output.right(2000).constData());
    const QByteArray start = output.left(painted);
    // Proof the log is there: the libraries a start does load.
    QVERIFY2(start.contains("file=libQt6Widgets.so.6"), start.right(2000).constData());
    for (const char *library : {"libQt6Network", "libcrypto", "chairside-calendar-accounts"})
        QVERIFY2(!start.contains(library),
                 qPrintable(QStringLiteral("%1 was loaded before the first paint")
                                    .arg(QLatin1String(library))));
}

QTEST_GUILESS_MAIN(TestFirstPaint)
#include "tst_firstpaint.moc"
