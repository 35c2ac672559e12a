// chairside-cli's commands run in this process (the chairside_cli library)
// on a clock the test holds: output, JSON and exit status, without a child
// process, and what "upcoming" means when the clock moves.

#include "cli.h"

#include "testsupport.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    QByteArray describe() const { return "exit " + QByteArray::number(exitCode) + ": " + err; }
};

} // namespace

class TestCliInProcess : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void setUpAndBook();
    void upcomingFollowsTheClock();
    void usageErrorOpensNothing_data();
    void usageErrorOpensNothing();
    void textOutputAndHelp();

private:
    // chairside-cli --data-dir DIR ARGS... on m_clock.
    Run run(const QStringList &arguments, const QString &dataDir = {});
    Run json(std::initializer_list<const char *> arguments);

    FixedClock m_clock;
    std::unique_ptr<QTemporaryDir> m_dir;
};

Run TestCliInProcess::run(const QStringList &arguments, const QString &dataDir)
{
    QBuffer out;
    QBuffer err;
    out.open(QIODevice::WriteOnly);
    err.open(QIODevice::WriteOnly);
    cli::Cli cli(m_clock);
    cli.setOutput(&out, &err);
    Run result;
    result.exitCode =
            cli.run(QStringList{QStringLiteral("chairside-cli"), QStringLiteral("--data-dir"),
                                dataDir.isEmpty() ? m_dir->path() : dataDir}
                    + arguments);
    result.out = out.data();
    result.err = err.data();
    return result;
}

Run TestCliInProcess::json(std::initializer_list<const char *> arguments)
{
    QStringList list{QStringLiteral("--json")};
    for (const char *argument : arguments)
        list.append(QString::fromUtf8(argument));
    return run(list);
}

void TestCliInProcess::init()
{
    m_clock.set(QDateTime(QDate(2026, 12, 1), QTime(8, 0), QTimeZone::utc()));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    for (const auto &step : {
                 json({"salons", "add", "--name", "Test Salon", "--time-zone", "Europe/London"}),
                 json({"services", "add", "--name", "Cut", "--segments", "busy:45"}),
                 json({"staff", "add", "--name", "Mia Khan", "--services", "Cut"}),
                 json({"shifts", "add", "--staff", "Mia", "--day", "mon-sat", "--start", "09:00",
                       "--end", "17:00"}),
                 json({"clients", "add", "--name", "Ann Lee"}),
         })
        QVERIFY2(step.exitCode == 0, step.describe());
}

void TestCliInProcess::setUpAndBook()
{
    const Run staff = json({"staff", "list"});
    QCOMPARE(staff.exitCode, 0);
    QCOMPARE(staff.json().value(QStringLiteral("staff")).toArray().size(), 1);
    QCOMPARE(staff.err, QByteArray());

    const Run booked = json({"book", "--service", "Cut", "--staff", "Mia", "--client", "Ann",
                             "--start", "2026-12-01T10:00"});
    QVERIFY2(booked.exitCode == 0, booked.describe());
    const QJsonObject appointment =
            booked.json().value(QStringLiteral("appointments")).toArray().first().toObject();
    QCOMPARE(appointment.value(QStringLiteral("start")).toString(),
             QStringLiteral("2026-12-01T10:00:00+00:00"));

    // "list" with no --from is today, and today is the clock's.
    const Run today = json({"list"});
    QCOMPARE(today.json().value(QStringLiteral("appointments")).toArray().size(), 1);
    m_clock.set(QDateTime(QDate(2026, 12, 2), QTime(8, 0), QTimeZone::utc()));
    const Run tomorrow = json({"list"});
    QCOMPARE(tomorrow.json().value(QStringLiteral("appointments")).toArray().size(), 0);

    // The same slot again does not fit: refused, exit 3, a JSON error.
    const Run again = json({"book", "--service", "Cut", "--staff", "Mia", "--client", "Ann",
                            "--start", "2026-12-01T10:00"});
    QCOMPARE(again.exitCode, 3);
    QCOMPARE(again.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")),
             QJsonValue(QStringLiteral("conflict")));
    QVERIFY(again.err.startsWith("chairside-cli: "));
}

void TestCliInProcess::upcomingFollowsTheClock()
{
    const Run booked = json({"book", "--service", "Cut", "--staff", "Mia", "--client", "Ann",
                             "--start", "2026-12-01T10:00"});
    QVERIFY2(booked.exitCode == 0, booked.describe());
    // At 08:00 that visit is upcoming: Mia cannot be removed.
    const Run refused = json({"staff", "remove", "Mia"});
    QCOMPARE(refused.exitCode, 3);
    // A day later it is past, and she can.
    m_clock.set(QDateTime(QDate(2026, 12, 2), QTime(8, 0), QTimeZone::utc()));
    const Run removed = json({"staff", "remove", "Mia"});
    QVERIFY2(removed.exitCode == 0, removed.describe());
    QCOMPARE(removed.json()
                     .value(QStringLiteral("removed"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
             QStringLiteral("Mia Khan"));
}

void TestCliInProcess::usageErrorOpensNothing_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addRow("book without a start") << QStringList{
            QStringLiteral("book"), QStringLiteral("--staff"), QStringLiteral("Mia")};
    QTest::addRow("staff add without a name")
            << QStringList{QStringLiteral("staff"), QStringLiteral("add")};
    QTest::addRow("unknown option")
            << QStringList{QStringLiteral("list"), QStringLiteral("--frobnicate")};
    QTest::addRow("slots step in words") << QStringList{
            QStringLiteral("slots"), QStringLiteral("--service"), QStringLiteral("Cut"),
            QStringLiteral("--step"), QStringLiteral("often")};
}

// A usage error is exit 2 with a JSON error, and creates no store: the
// command checks its options before it opens anything.
void TestCliInProcess::usageErrorOpensNothing()
{
    QFETCH(QStringList, arguments);
    const QTemporaryDir fresh;
    const Run result = run(QStringList{QStringLiteral("--json")} + arguments, fresh.path());
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")),
             QJsonValue(QStringLiteral("usage")));
    QVERIFY(!QFileInfo::exists(Store::pathIn(fresh.path())));
}

void TestCliInProcess::textOutputAndHelp()
{
    const Run info = run({QStringLiteral("info")});
    QCOMPARE(info.exitCode, 0);
    QVERIFY2(info.out.contains("Salons: Test Salon"), info.out.constData());
    const Run help = run({QStringLiteral("staff"), QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("Verbs:"));
    QVERIFY(help.out.contains("remove"));
}

QTEST_GUILESS_MAIN(TestCliInProcess)
#include "tst_cliinprocess.moc"
