// Bad input from the issue: each gets a clear message and its exit status,
// and nothing is written (the export and the outbox stay as they were).

#include "clirunner.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace chairside::testsupport;

class TestCliBadInput : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void refusedAndNothingWritten_data();
    void refusedAndNothingWritten();
    void invalidUtf8IsRefused_data();
    void invalidUtf8IsRefused();
    void textOutputErrorIsOneSentenceOnStderr();

private:
    void checkNothingWritten();

    QTemporaryDir m_dir;
    std::unique_ptr<CliRunner> m_cli;
    QByteArray m_export;
    qint64 m_outbox = -1;
};

void TestCliBadInput::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_cli = std::make_unique<CliRunner>(m_dir.path());
    const QString failure = m_cli->setUpSalon();
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    const CliResult booked =
            m_cli->json(args({"book", "--staff", "Tom", "--service", "Cut & Finish", "--client",
                              "Bob", "--start", "2026-12-01T10:00"}));
    QVERIFY2(booked.exitCode == 0, booked.describe());
    m_export = m_cli->exportStore();
    m_outbox = m_cli->outboxPending();
    QVERIFY(m_export.size() > 100);
    QVERIFY(m_outbox > 0);
}

void TestCliBadInput::checkNothingWritten()
{
    QCOMPARE(m_cli->exportStore(), m_export);
    QCOMPARE(m_cli->outboxPending(), m_outbox);
}

void TestCliBadInput::refusedAndNothingWritten_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<QString>("message");

    const QStringList book = args({"book", "--service", "Cut & Finish", "--client", "Bob"});
    const QString longNotes(10001, QLatin1Char('n'));

    // End before start.
    QTest::addRow("shift ends before it starts")
            << args({"shifts", "add", "--staff", "Mia", "--day", "sun", "--start", "17:00", "--end",
                     "09:00"})
            << 3 << "invalid"
            << "before it starts";
    QTest::addRow("exception ends before it starts")
            << args({"shifts", "exception", "--staff", "Mia", "--date", "2026-12-24", "--start",
                     "14:00", "--end", "10:00"})
            << 3 << "invalid"
            << "before it starts";
    QTest::addRow("time off ends before it starts")
            << args({"shifts", "time-off", "--staff", "Mia", "--start", "2026-12-05T12:00", "--end",
                     "2026-12-05T09:00"})
            << 3 << "invalid"
            << "ends before it starts";
    QTest::addRow("break outside the shift")
            << args({"shifts", "add", "--staff", "Mia", "--day", "sun", "--start", "09:00", "--end",
                     "12:00", "--break", "13:00-13:30"})
            << 3 << "invalid"
            << "not inside the shift";
    QTest::addRow("list range backwards")
            << args({"list", "--from", "2026-12-05", "--to", "2026-12-01"}) << 3 << "invalid"
            << "before its start";
    QTest::addRow("slots range backwards") << args(
            {"slots", "--service", "Cut & Finish", "--from", "2026-12-05", "--to", "2026-12-01"})
                                           << 3 << "invalid"
                                           << "before its start";
    // A stray word is refused, not ignored (it is often a forgotten option name).
    QTest::addRow("stray word to shifts add")
            << args({"shifts", "add", "Mia", "--day", "sun", "--start", "09:00", "--end", "17:00"})
            << 2 << "usage"
            << "Unexpected “Mia”";
    QTest::addRow("stray word to services add")
            << args({"services", "add", "--name", "Trim", "--segments", "busy:15", "extra"}) << 2
            << "usage"
            << "Unexpected “extra”";
    // Zero or negative durations.
    QTest::addRow("zero-minute step")
            << args({"services", "add", "--name", "Nothing", "--segments", "busy:0"}) << 3
            << "invalid"
            << "at least a minute";
    QTest::addRow("negative step") << args(
            {"services", "add", "--name", "Backwards", "--segments", "busy:30,processing:-5"})
                                   << 3 << "invalid"
                                   << "at least a minute";
    QTest::addRow("negative buffer")
            << args({"services", "add", "--name", "Cut", "--segments", "busy:30", "--buffer", "-5"})
            << 3 << "invalid"
            << "between 0 and 240";
    QTest::addRow("edit to zero minutes")
            << args({"services", "edit", "Colour", "--segments", "busy:0"}) << 3 << "invalid"
            << "at least a minute";
    QTest::addRow("no steps") << args({"services", "add", "--name", "Empty", "--segments", ","})
                              << 3 << "invalid"
                              << "at least one step";
    QTest::addRow("unknown kind of step")
            << args({"services", "add", "--name", "Nap", "--segments", "sleep:30"}) << 2 << "usage"
            << "not a kind of step";
    QTest::addRow("negative price") << args(
            {"services", "add", "--name", "Refund", "--segments", "busy:30", "--price", "-10"})
                                    << 3 << "invalid"
                                    << "cannot be negative";
    QTest::addRow("zero chairs") << args({"resources", "add", "--name", "Sofa", "--count", "0"})
                                 << 3 << "invalid"
                                 << "between 1 and 1000";
    // Unknown names.
    QTest::addRow("unknown stylist")
            << book + args({"--staff", "Zara", "--start", "2026-12-01T11:00"}) << 3 << "not-found"
            << "no stylist called “Zara”";
    QTest::addRow("unknown service") << args({"book", "--service", "Perm", "--client", "Bob",
                                              "--staff", "Mia", "--start", "2026-12-01T11:00"})
                                     << 3 << "not-found"
                                     << "no service called “Perm”";
    QTest::addRow("unknown client")
            << args({"book", "--service", "Cut & Finish", "--client", "Nobody", "--staff", "Mia",
                     "--start", "2026-12-01T11:00"})
            << 3 << "not-found"
            << "no client called “Nobody”";
    QTest::addRow("unknown salon") << args({"--salon", "Elsewhere", "list"}) << 3 << "not-found"
                                   << "no salon called";
    QTest::addRow("unknown resource in a step")
            << args({"services", "add", "--name", "Sauna", "--segments", "busy:30@Sauna"}) << 3
            << "not-found"
            << "no resource called “Sauna”";
    QTest::addRow("unknown appointment")
            << args({"cancel", "no-such-appointment"}) << 3 << "not-found"
            << "no appointment";
    // Outside a shift, overlaps.
    QTest::addRow("outside the shift")
            << book + args({"--staff", "Mia", "--start", "2026-12-01T19:00"}) << 3 << "conflict"
            << "not working";
    QTest::addRow("day without a shift")
            << book + args({"--staff", "Mia", "--start", "2026-12-06T10:00"}) << 3 << "conflict"
            << "not working";
    QTest::addRow("on a break") << book + args({"--staff", "Mia", "--start", "2026-12-01T12:30"})
                                << 3 << "conflict"
                                << "break";
    QTest::addRow("overlap") << book + args({"--staff", "Tom", "--start", "2026-12-01T10:30"}) << 3
                             << "conflict"
                             << "another client";
    QTest::addRow("two stylists for one service")
            << book + args({"--staff", "Tom", "--staff", "Mia", "--start", "2026-12-01T11:00"}) << 2
            << "usage"
            << "one per service";
    // Bad dates and time zones.
    QTest::addRow("month 13") << book + args({"--staff", "Mia", "--start", "2026-13-01T10:00"}) << 2
                              << "usage"
                              << "not a real date";
    QTest::addRow("30 February") << book + args({"--staff", "Mia", "--start", "2026-02-30T10:00"})
                                 << 2 << "usage"
                                 << "not a real date";
    QTest::addRow("words for a date")
            << book + args({"--staff", "Mia", "--start", "tomorrow"}) << 2 << "usage"
            << "not a date and time";
    QTest::addRow("25 o'clock") << book + args({"--staff", "Mia", "--start", "2026-12-01T25:00"})
                                << 2 << "usage"
                                << "not a time of day";
    QTest::addRow("skipped by the clocks")
            << book + args({"--staff", "Mia", "--start", "2027-03-28T01:30"}) << 3 << "invalid"
            << "does not exist in Europe/London";
    QTest::addRow("offset out of range")
            << book + args({"--staff", "Mia", "--start", "2026-12-01T10:00+15:00"}) << 3
            << "invalid"
            << "offsets run from";
    QTest::addRow("list with a bad date") << args({"list", "--from", "2026-12-32"}) << 2 << "usage"
                                          << "not a real date";
    QTest::addRow("unknown time zone")
            << args({"salons", "add", "--name", "Moon Salon", "--time-zone", "Moon/Tranquility"})
            << 3 << "invalid"
            << "not a time zone";
    QTest::addRow("demo in an unknown time zone")
            << args({"demo", "--time-zone", "Mars/Olympus", "--replace"}) << 3 << "invalid"
            << "not a time zone";
    QTest::addRow("bad opening hours")
            << args({"salons", "edit", "--hours", "mon=18:00-09:00"}) << 3 << "invalid"
            << "closes";
    // Enormous notes.
    QTest::addRow("enormous booking notes")
            << book + args({"--staff", "Mia", "--start", "2026-12-01T11:00", "--notes"})
                    + QStringList{longNotes}
            << 3 << "invalid"
            << "10000";
    QTest::addRow("enormous client notes")
            << args({"clients", "add", "--name", "Talkative", "--notes"}) + QStringList{longNotes}
            << 3 << "invalid"
            << "10000";
    QTest::addRow("enormous name")
            << args({"clients", "add", "--name"}) + QStringList{QString(5000, QLatin1Char('a'))}
            << 3 << "invalid"
            << "characters long";
    // Usage.
    QTest::addRow("no command") << QStringList{} << 2 << "usage"
                                << "Name a command";
    QTest::addRow("unknown command") << args({"teleport"}) << 2 << "usage"
                                     << "not a command";
    QTest::addRow("unknown option") << args({"list", "--frobnicate"}) << 2 << "usage"
                                    << "frobnicate";
    QTest::addRow("missing start") << book + args({"--staff", "Mia"}) << 2 << "usage"
                                   << "--start";
    QTest::addRow("unknown verb") << args({"staff", "promote"}) << 2 << "usage"
                                  << "promote";
    QTest::addRow("no client, not a walk-in") << args(
            {"book", "--service", "Cut & Finish", "--staff", "Mia", "--start", "2026-12-01T11:00"})
                                              << 2 << "usage"
                                              << "--walk-in";
    QTest::addRow("not a number") << args({"slots", "--service", "Cut & Finish", "--step", "often"})
                                  << 2 << "usage"
                                  << "whole number";
    QTest::addRow("demo over data") << args({"demo"}) << 3 << "invalid"
                                    << "--replace";
    QTest::addRow("import of an empty file") << args({"import", "/dev/null"}) << 3 << "invalid"
                                             << "not valid JSON";
}

void TestCliBadInput::refusedAndNothingWritten()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, errorCode);
    QFETCH(QString, message);

    const CliResult result = m_cli->json(arguments);
    QVERIFY2(result.exitCode == exitCode, result.describe());
    const QJsonObject error = result.json.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), errorCode);
    QCOMPARE(error.value(QStringLiteral("exitCode")).toInt(), exitCode);
    QVERIFY2(error.value(QStringLiteral("message")).toString().contains(message),
             result.describe());
    QVERIFY2(result.errorText().startsWith(QLatin1String("chairside-cli: "))
                     && result.errorText().contains(message),
             result.describe());
    checkNothingWritten();
}

void TestCliBadInput::invalidUtf8IsRefused_data()
{
    QTest::addColumn<QList<QByteArray>>("arguments");

    QTest::addRow("client name") << QList<QByteArray>{"clients", "add", "--name",
                                                      "Ann\\0377\\0376Lee"};
    QTest::addRow("booking notes") << QList<QByteArray>{
            "book", "--service", "Cut & Finish",     "--client", "Bob",      "--staff",
            "Mia",  "--start",   "2026-12-01T11:00", "--notes",  "caf\\0351"};
    QTest::addRow("truncated sequence") << QList<QByteArray>{"staff", "add", "--name", "Zo\\0303"};
}

void TestCliBadInput::invalidUtf8IsRefused()
{
    QFETCH(QList<QByteArray>, arguments);

    const CliResult result = m_cli->rawBytes(arguments);
    QVERIFY2(result.exitCode == 2, result.describe());
    QVERIFY2(result.errorText().contains(QLatin1String("not valid text")), result.describe());
    QCOMPARE(result.json.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
             QStringLiteral("usage"));
    checkNothingWritten();
}

void TestCliBadInput::textOutputErrorIsOneSentenceOnStderr()
{
    const CliResult result =
            m_cli->text(args({"book", "--service", "Cut & Finish", "--client", "Bob", "--staff",
                              "Nobody", "--start", "2026-12-01T11:00"}));
    QCOMPARE(result.exitCode, 3);
    QVERIFY(result.out.isEmpty());
    QCOMPARE(result.err.count('\n'), 1);
    QVERIFY(result.err.endsWith(".\n"));
}

QTEST_GUILESS_MAIN(TestCliBadInput)
#include "tst_clibadinput.moc"
