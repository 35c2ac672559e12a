#include "demobook.h"
#include "firstpaintexit.h"

#include <QProcess>
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

QTEST_GUILESS_MAIN(TestFirstPaint)
#include "tst_firstpaint.moc"
