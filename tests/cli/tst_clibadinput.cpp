// Bad input from the issue: each gets a clear message and its exit status,
// and nothing is written (the export, the outbox and the files on disk stay
// as they were).

#include "clirunner.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace chairside::testsupport;

class TestCliBadInput : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void refusedAndNothingWritten_data();
    void refusedAndNothingWritten();
    void usageErrorsOpenNothing_data();
    void usageErrorsOpenNothing();
    void importRefusedAndNothingWritten_data();
    void importRefusedAndNothingWritten();
    void globalOptionsThatCannotBeParsed_data();
    void globalOptionsThatCannotBeParsed();
    void invalidUtf8IsRefused_data();
    void invalidUtf8IsRefused();
    void textOutputErrorIsOneSentenceOnStderr();
    void logsOnlyWhenAsked_data();
    void logsOnlyWhenAsked();
    void cleanupTestCase();

private:
    void checkRefusal(const CliResult &result, int exitCode, const QString &errorCode,
                      const QString &message);
    void checkNothingWritten();
    // Every file under the data folder (and the scratch folder), with a
    // hash of its bytes; SQLite's shared-memory index changes on any read.
    QMap<QString, QByteArray> filesOnDisk() const;

    QTemporaryDir m_dir;
    QTemporaryDir m_scratch; // import files and would-be outputs
    std::unique_ptr<CliRunner> m_cli;
    QByteArray m_export;
    QString m_booked; // the appointment initTestCase books
    qint64 m_outbox = -1;
    QMap<QString, QByteArray> m_files;
    int m_cases = 0;
};

namespace {

// The store's export with `change` made to it.
QByteArray changedExport(const QByteArray &exported,
                         const std::function<void(QJsonObject &)> &change)
{
    QJsonObject document = QJsonDocument::fromJson(exported).object();
    change(document);
    return QJsonDocument(document).toJson();
}

// `row` of `table` with `field` set to `value` (undefined: removed).
std::function<void(QJsonObject &)> setField(const char *table, int row, const char *field,
                                            const QJsonValue &value)
{
    return [=](QJsonObject &document) {
        const QString key = QString::fromLatin1(table);
        QJsonArray rows = document.value(key).toArray();
        QJsonObject object = rows.at(row).toObject();
        if (value.isUndefined())
            object.remove(QString::fromLatin1(field));
        else
            object.insert(QString::fromLatin1(field), value);
        rows.replace(row, object);
        document.insert(key, rows);
    };
}

// The first appointment's first service line, changed by `change`.
std::function<void(QJsonObject &)> changeFirstLine(const std::function<void(QJsonObject &)> &change)
{
    return [=](QJsonObject &document) {
        QJsonArray appointments = document.value(QStringLiteral("appointments")).toArray();
        QJsonObject appointment = appointments.at(0).toObject();
        QJsonArray lines = appointment.value(QStringLiteral("lines")).toArray();
        QJsonObject line = lines.at(0).toObject();
        change(line);
        lines.replace(0, line);
        appointment.insert(QStringLiteral("lines"), lines);
        appointments.replace(0, appointment);
        document.insert(QStringLiteral("appointments"), appointments);
    };
}

} // namespace

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
    m_booked = booked.json.value(QStringLiteral("appointments"))
                       .toArray()
                       .first()
                       .toObject()
                       .value(QStringLiteral("id"))
                       .toString();
    QVERIFY(!m_booked.isEmpty());
    const CliResult shift = m_cli->json(args({"shifts", "time-off", "--staff", "Mia", "--start",
                                              "2026-12-07T09:00", "--end", "2026-12-07T12:00"}));
    QVERIFY2(shift.exitCode == 0, shift.describe());
    QVERIFY(m_scratch.isValid());
    m_export = m_cli->exportStore();
    m_outbox = m_cli->outboxPending();
    m_files = filesOnDisk();
    QVERIFY(m_export.size() > 100);
    QVERIFY(m_outbox > 0);
    QVERIFY(m_files.contains(QStringLiteral("chairside.sqlite")));
}

void TestCliBadInput::cleanupTestCase()
{
    // Issue 7 asks for at least a hundred malformed invocations and files.
    qInfo("%d refused invocations checked", m_cases);
}

QMap<QString, QByteArray> TestCliBadInput::filesOnDisk() const
{
    QMap<QString, QByteArray> files;
    for (const QString &root : {m_dir.path(), m_scratch.path()}) {
        QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.endsWith(QLatin1String("-shm")))
                continue;
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            files.insert(QDir(m_dir.path()).relativeFilePath(path),
                         QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha1));
        }
    }
    return files;
}

void TestCliBadInput::checkNothingWritten()
{
    QCOMPARE(filesOnDisk(), m_files);
    QCOMPARE(m_cli->exportStore(), m_export);
    QCOMPARE(m_cli->outboxPending(), m_outbox);
    // The reads above must not have changed the files either.
    QCOMPARE(filesOnDisk(), m_files);
}

void TestCliBadInput::checkRefusal(const CliResult &result, int exitCode, const QString &errorCode,
                                   const QString &message)
{
    ++m_cases;
    QVERIFY2(result.exitCode == exitCode, result.describe());
    const QJsonObject error = result.json.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), errorCode);
    QCOMPARE(error.value(QStringLiteral("exitCode")).toInt(), exitCode);
    QVERIFY2(error.value(QStringLiteral("message")).toString().contains(message),
             result.describe());
    // One clear line on stderr: the message, and nothing else (no logs). A
    // conflict adds one line per reason (docs/cli.md).
    QVERIFY2(result.errorText().startsWith(QLatin1String("chairside-cli: "))
                     && result.errorText().contains(message),
             result.describe());
    QVERIFY2(result.err.endsWith('\n'), result.describe());
    if (errorCode != QLatin1String("conflict"))
        QVERIFY2(result.err.count('\n') == 1, result.describe());
    const QStringList lines = result.errorText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines)
        QVERIFY2(!line.startsWith(QLatin1String("chairside.")), result.describe());
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
    QTest::addRow("import of a missing file")
            << args({"import", "/nonexistent/backup.json"}) << 3 << "not-found"
            << "Cannot read";
    QTest::addRow("import over data") << args({"import", "/dev/null"}) << 3 << "invalid"
                                      << "not valid JSON";
    // An empty value where a folder, file, name or id belongs.
    QTest::addRow("empty --data-dir") << args({"--data-dir", "", "list"}) << 2 << "usage"
                                      << "--data-dir needs a value";
    QTest::addRow("empty --data-dir after the command")
            << args({"info", "--data-dir", ""}) << 2 << "usage"
            << "--data-dir needs a value";
    QTest::addRow("empty --salon") << args({"--salon", "", "list"}) << 2 << "usage"
                                   << "--salon needs a value";
    QTest::addRow("blank --salon") << args({"list", "--salon", "  "}) << 2 << "usage"
                                   << "--salon needs a value";
    QTest::addRow("empty --staff")
            << book + args({"--staff", "", "--start", "2026-12-01T11:00"}) << 2 << "usage"
            << "--staff needs a value";
    QTest::addRow("empty --service") << args({"book", "--service", "", "--client", "Bob", "--staff",
                                              "Mia", "--start", "2026-12-01T11:00"})
                                     << 2 << "usage"
                                     << "--service needs a value";
    QTest::addRow("empty --client") << args({"book", "--service", "Cut & Finish", "--client", "",
                                             "--staff", "Mia", "--start", "2026-12-01T11:00"})
                                    << 2 << "usage"
                                    << "--client needs a value";
    QTest::addRow("empty --output") << args({"export", "--output", ""}) << 2 << "usage"
                                    << "--output needs a value";
    QTest::addRow("empty -o") << args({"export", "-o", ""}) << 2 << "usage"
                              << "-o needs a value";
    QTest::addRow("empty --name") << args({"clients", "add", "--name", ""}) << 2 << "usage"
                                  << "--name needs a value";
    QTest::addRow("empty --time-zone")
            << args({"salons", "edit", "--time-zone", ""}) << 2 << "usage"
            << "--time-zone needs a value";
    QTest::addRow("empty appointment id") << args({"cancel", ""}) << 2 << "usage"
                                          << "cannot be empty";
    QTest::addRow("empty file to import") << args({"import", ""}) << 2 << "usage"
                                          << "Say which";
    QTest::addRow("empty staff name to edit")
            << args({"staff", "edit", "", "--name", "X"}) << 2 << "usage"
            << "Say which";
    QTest::addRow("empty client to remove") << args({"clients", "remove", " "}) << 2 << "usage"
                                            << "Say which";
    // Missing values and unknown options, before and after the command.
    QTest::addRow("--salon without a value") << args({"list", "--salon"}) << 2 << "usage"
                                             << "Missing value";
    QTest::addRow("--start without a value")
            << book + args({"--staff", "Mia", "--start"}) << 2 << "usage"
            << "Missing value";
    QTest::addRow("unknown global option") << args({"--frobnicate", "list"}) << 2 << "usage"
                                           << "frobnicate";
    QTest::addRow("bad count") << args({"resources", "add", "--name", "Stool", "--count", "many"})
                               << 2 << "usage"
                               << "whole number";
    QTest::addRow("1001 chairs") << args({"resources", "add", "--name", "Stool", "--count", "1001"})
                                 << 3 << "invalid"
                                 << "between 1 and 1000";
    QTest::addRow("buffer over four hours") << args(
            {"services", "add", "--name", "Long", "--segments", "busy:30", "--buffer", "241"})
                                            << 3 << "invalid"
                                            << "between 0 and 240";
    QTest::addRow("steps longer than a day")
            << args({"services", "add", "--name", "Marathon", "--segments", "busy:1000,busy:500"})
            << 3 << "invalid"
            << "fit in a day";
    QTest::addRow("negative deposit")
            << book + args({"--staff", "Mia", "--start", "2026-12-01T11:00", "--deposit", "-5"})
            << 3 << "invalid"
            << "cannot be negative";
    QTest::addRow("deposit in words")
            << book + args({"--staff", "Mia", "--start", "2026-12-01T11:00", "--deposit", "ten"})
            << 2 << "usage"
            << "amount";
    QTest::addRow("bad phone") << args({"clients", "add", "--name", "Cy", "--phone", "call me"})
                               << 2 << "usage"
                               << "not a phone number";
    QTest::addRow("bad email") << args({"clients", "add", "--name", "Cy", "--email", "cy@"}) << 2
                               << "usage"
                               << "not an email address";
    QTest::addRow("bad colour") << args({"staff", "edit", "Mia", "--colour", "red"}) << 2 << "usage"
                                << "not a colour";
    QTest::addRow("bad role") << args({"staff", "edit", "Mia", "--role", "boss"}) << 2 << "usage"
                              << "not a role";
    QTest::addRow("bad consent") << args({"clients", "edit", "Bob", "--consent", "fax"}) << 2
                                 << "usage"
                                 << "not a consent";
    QTest::addRow("shift of 25 hours") << args({"shifts", "add", "--staff", "Mia", "--day", "sun",
                                                "--start", "09:00", "--end", "34:30"})
                                       << 3 << "invalid"
                                       << "at most 24 hours";
    QTest::addRow("bad weekday") << args({"shifts", "add", "--staff", "Mia", "--day", "funday",
                                          "--start", "09:00", "--end", "17:00"})
                                 << 2 << "usage"
                                 << "funday";
    QTest::addRow("bad status") << args({"status", "no-such-appointment", "asleep"}) << 2 << "usage"
                                << "not a status";
    // The front desk's fields (issue 8).
    QTest::addRow("rebook in -1 weeks") << args(
            {"services", "add", "--name", "Cut", "--segments", "busy:30", "--rebook-weeks", "-1"})
                                        << 3 << "invalid"
                                        << "between 0 and 52; -1 is not";
    QTest::addRow("rebook in 53 weeks")
            << args({"services", "edit", "Colour", "--rebook-weeks", "53"}) << 3 << "invalid"
            << "between 0 and 52; 53 is not";
    QTest::addRow("rebook in words")
            << args({"services", "edit", "Colour", "--rebook-weeks", "six"}) << 2 << "usage"
            << "--rebook-weeks needs a whole number";
    QTest::addRow("rebook in half weeks")
            << args({"services", "edit", "Colour", "--rebook-weeks", "5.5"}) << 2 << "usage"
            << "--rebook-weeks needs a whole number";
    QTest::addRow("patch test maybe")
            << args({"services", "edit", "Colour", "--needs-patch-test", "maybe"}) << 2 << "usage"
            << "--needs-patch-test takes yes or no, not “maybe”";
    QTest::addRow("patch test on a new service, y")
            << args({"services", "add", "--name", "Tint", "--segments", "busy:30",
                     "--needs-patch-test", "y"})
            << 2 << "usage"
            << "--needs-patch-test takes yes or no";
    QTest::addRow("patch test -1 hours before")
            << args({"salons", "edit", "--patch-test-min-hours", "-1"}) << 3 << "invalid"
            << "between 0 and 720";
    QTest::addRow("patch test 721 hours before")
            << args({"salons", "edit", "--patch-test-min-hours", "721"}) << 3 << "invalid"
            << "between 0 and 720";
    QTest::addRow("patch test valid 0 days")
            << args({"salons", "edit", "--patch-test-max-days", "0"}) << 3 << "invalid"
            << "between 1 and 3650";
    QTest::addRow("patch test valid 3651 days")
            << args({"salons", "edit", "--patch-test-max-days", "3651"}) << 3 << "invalid"
            << "between 1 and 3650";
    QTest::addRow("patch test valid for days in words")
            << args({"salons", "edit", "--patch-test-max-days", "a year"}) << 2 << "usage"
            << "--patch-test-max-days needs a whole number";
    QTest::addRow("new salon with a bad patch-test window")
            << args({"salons", "add", "--name", "Second", "--time-zone", "Europe/London",
                     "--patch-test-min-hours", "1000"})
            << 3 << "invalid"
            << "between 0 and 720";
    QTest::addRow("cancel reason over 10,000 characters")
            << (args({"cancel"}) << m_booked << QStringLiteral("--reason") << longNotes) << 3
            << "invalid"
            << "10001 characters long";
    QTest::addRow("cancel reason without a value")
            << (args({"cancel"}) << m_booked << QStringLiteral("--reason")) << 2 << "usage"
            << "Missing value";
    QTest::addRow("slots over two years") << args(
            {"slots", "--service", "Cut & Finish", "--from", "2026-12-01", "--to", "2028-12-01"})
                                          << 3 << "invalid"
                                          << "within a year";
}

void TestCliBadInput::refusedAndNothingWritten()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, errorCode);
    QFETCH(QString, message);

    checkRefusal(m_cli->json(arguments), exitCode, errorCode, message);
    checkNothingWritten();
}

// A value that cannot be read is a usage error (exit 2) before anything is
// opened: where there is no book yet, none is made, and the message is
// about the value, not "no salon".
void TestCliBadInput::usageErrorsOpenNothing_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    QTest::addRow("clients list --limit")
            << args({"clients", "list", "--limit", "many"}) << 2 << "--limit";
    QTest::addRow("clients list --limit 0")
            << args({"clients", "list", "--limit", "0"}) << 3 << "--limit";
    QTest::addRow("shifts add --day") << args({"shifts", "add", "--staff", "Mia", "--day",
                                               "someday", "--start", "09:00", "--end", "17:00"})
                                      << 2 << "someday";
    QTest::addRow("shifts add --start") << args({"shifts", "add", "--staff", "Mia", "--day", "mon",
                                                 "--start", "9 o'clock", "--end", "17:00"})
                                        << 2 << "9 o'clock";
    QTest::addRow("shifts add --every")
            << args({"shifts", "add", "--staff", "Mia", "--day", "mon", "--start", "09:00", "--end",
                     "17:00", "--every", "x"})
            << 2 << "--every";
    QTest::addRow("shifts add --valid-from")
            << args({"shifts", "add", "--staff", "Mia", "--day", "mon", "--start", "09:00", "--end",
                     "17:00", "--valid-from", "2026-13-01"})
            << 2 << "2026-13-01";
    QTest::addRow("shifts edit --day")
            << args({"shifts", "edit", "s1", "--day", "mon-fri"}) << 2 << "one day";
    QTest::addRow("shifts list --from")
            << args({"shifts", "list", "--from", "soon"}) << 2 << "soon";
    QTest::addRow("shifts exception --date")
            << args({"shifts", "exception", "--staff", "Mia", "--date", "1 Dec", "--off"}) << 2
            << "1 Dec";
    QTest::addRow("shifts exception --reason")
            << args({"shifts", "exception", "--staff", "Mia", "--date", "2026-12-01", "--off",
                     "--reason", QByteArray(201, 'r').constData()})
            << 3 << "reason";
    QTest::addRow("shifts time-off --start") << args(
            {"shifts", "time-off", "--staff", "Mia", "--start", "Monday", "--end", "2026-12-08"})
                                             << 2 << "Monday";
    QTest::addRow("shifts time-off --reason")
            << args({"shifts", "time-off", "--staff", "Mia", "--start", "2026-12-07", "--end",
                     "2026-12-08", "--reason", QByteArray(201, 'r').constData()})
            << 3 << "reason";
    QTest::addRow("waitlist add --from") << args(
            {"waitlist", "add", "--client", "Bob", "--service", "Cut", "--from", "tomorrow"})
                                         << 2 << "tomorrow";
    QTest::addRow("waitlist add --notes")
            << args({"waitlist", "add", "--client", "Bob", "--service", "Cut", "--notes",
                     QByteArray(10001, 'n').constData()})
            << 3 << "notes";
}

void TestCliBadInput::usageErrorsOpenNothing()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);

    QTemporaryDir empty;
    QVERIFY(empty.isValid());
    const QString dataDir = empty.filePath(QStringLiteral("book"));
    const CliResult result = CliRunner(dataDir).json(arguments);
    checkRefusal(result, exitCode,
                 exitCode == 2 ? QStringLiteral("usage") : QStringLiteral("invalid"), message);
    QVERIFY2(!QFileInfo::exists(dataDir), "a refused command made a data folder");
}

void TestCliBadInput::importRefusedAndNothingWritten_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<bool>("replace");
    QTest::addColumn<QString>("message");

    auto add = [&](const char *name, const std::function<void(QJsonObject &)> &change,
                   const char *message) {
        QTest::addRow("%s", name) << changedExport(m_export, change) << true
                                  << QString::fromUtf8(message);
    };
    const QJsonValue removed(QJsonValue::Undefined);
    add("six chairs as text", setField("resources", 0, "count", QStringLiteral("6")),
        "resources[0].count: should be a number, not text");
    add("no chairs", setField("resources", 0, "count", 0), "count outside 1 to 1000");
    add("rebook in 53 weeks", setField("services", 0, "rebookWeeks", 53),
        "rebooking outside 0 to 52 weeks");
    add("patch test needed as text",
        setField("services", 0, "needsPatchTest", QStringLiteral("no")),
        "services[0].needsPatchTest: should be true or false, not text");
    add("patch test 721 hours before", setField("salons", 0, "patchTestMinHours", 721),
        "outside 0 to 720 hours");
    add("no patch-test window", setField("salons", 0, "patchTestMaxDays", removed),
        "salons[0].patchTestMaxDays: is missing");
    add("a booked visit with a cancel reason",
        setField("appointments", 0, "cancelReason", QStringLiteral("Unwell")),
        "has a reason for cancelling but is not cancelled");
    add(
            "version 1 with a newer field",
            [](QJsonObject &document) { document.insert(QStringLiteral("version"), 1); },
            "salons[0].patchTestMinHours: is not part of a version 1 export");
    add("a million chairs", setField("resources", 0, "count", 1000000), "count outside 1 to 1000");
    add("half a chair", setField("resources", 0, "count", 1.5), "should be a whole number");
    add("shift start as text", setField("shifts", 0, "startMinute", QStringLiteral("540")),
        "shifts[0].startMinute: should be a number, not text");
    add("shift start 1e12", setField("shifts", 0, "startMinute", 1e12),
        "shifts[0].startMinute: is out of range");
    add("shift ends before it starts", setField("shifts", 0, "endMinute", 60),
        "hours that cannot be");
    add("shift on day 8", setField("shifts", 0, "weekday", 8), "day of the week");
    add("shift every 9 weeks", setField("shifts", 0, "everyWeeks", 9), "every 1 to 4 weeks");
    add("break outside the shift", setField("shifts", 0, "breaks", QJsonArray{QJsonArray{0, 30}}),
        "every break is inside it");
    add("client name a number", setField("clients", 0, "name", 42),
        "clients[0].name: should be text, not a number");
    add("client without a name", setField("clients", 0, "name", QString()), "has no name");
    add("client phone in words", setField("clients", 0, "phone", QStringLiteral("call me")),
        "phone number that cannot be");
    add("client no-shows negative", setField("clients", 0, "noShowCount", -2), "negative no-show");
    add("client with a nickname", setField("clients", 0, "nickname", QStringLiteral("Bobby")),
        "clients[0].nickname: is not a field Chairside knows");
    add("client without a phone field", setField("clients", 0, "phone", removed),
        "clients[0].phone: is missing");
    add("negative deposit", setField("appointments", 0, "depositCents", -500), "negative deposit");
    add("status in capitals", setField("appointments", 0, "status", QStringLiteral("Booked")),
        "should be one of booked");
    add("unknown status", setField("appointments", 0, "status", QStringLiteral("asleep")),
        "should be one of booked");
    add("instant in year 0001",
        setField("appointments", 0, "createdAt", QStringLiteral("0001-01-01T00:00:00Z")),
        "no calendar shows");
    add("instant as a number", setField("appointments", 0, "createdAt", 1e15),
        "should be a time in UTC");
    add("instant with an offset",
        setField("appointments", 0, "changedAt", QStringLiteral("2026-12-01T11:00:00+01:00")),
        "should be a time in UTC");
    add("visit start not its services'",
        setField("appointments", 0, "startsAt", QStringLiteral("2020-01-01T09:00:00Z")),
        "does not match the times of its services");
    add("overlapping steps", changeFirstLine([](QJsonObject &line) {
            QJsonArray segments = line.value(QStringLiteral("segments")).toArray();
            QJsonObject second = segments.at(0).toObject();
            segments.append(second);
            line.insert(QStringLiteral("segments"), segments);
        }),
        "overlap each other");
    add("step ending before it starts", changeFirstLine([](QJsonObject &line) {
            QJsonArray segments = line.value(QStringLiteral("segments")).toArray();
            QJsonObject first = segments.at(0).toObject();
            first.insert(QStringLiteral("endsAt"), first.value(QStringLiteral("startsAt")));
            segments.replace(0, first);
            line.insert(QStringLiteral("segments"), segments);
        }),
        "appointments[0].endsAt");
    add("unknown stylist on a line", changeFirstLine([](QJsonObject &line) {
            line.insert(QStringLiteral("staffId"), QStringLiteral("nobody"));
        }),
        "unknown stylist “nobody”");
    add("unknown service on a line", changeFirstLine([](QJsonObject &line) {
            line.insert(QStringLiteral("serviceId"), QStringLiteral("perm"));
        }),
        "unknown service “perm”");
    add(
            "service step of no minutes",
            [](QJsonObject &document) {
                QJsonArray services = document.value(QStringLiteral("services")).toArray();
                QJsonObject service = services.at(0).toObject();
                service.insert(
                        QStringLiteral("segments"),
                        QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("busy")},
                                               {QStringLiteral("minutes"), 0}}});
                services.replace(0, service);
                document.insert(QStringLiteral("services"), services);
            },
            "services[0]: The service");
    add("negative price", setField("services", 0, "priceCents", -100), "negative price");
    add("buffer of a day", setField("services", 0, "bufferAfterMinutes", 1440),
        "clean-up time outside 0 to 240");
    add("salon in no time zone", setField("salons", 0, "timeZone", QStringLiteral("Mars/Base")),
        "time zone Chairside does not know");
    add("salon open 25 hours",
        setField("salons", 0, "openingHours",
                 QJsonArray{QJsonArray{600, 500}, QJsonValue(), QJsonValue(), QJsonValue(),
                            QJsonValue(), QJsonValue(), QJsonValue()}),
        "salons[0].openingHours: should be null (closed)");
    add("salon with eight days",
        setField("salons", 0, "openingHours", QJsonArray{1, 2, 3, 4, 5, 6, 7, 8}),
        "salons[0].openingHours");
    add("stylist colour in words", setField("staff", 0, "colour", QStringLiteral("red")),
        "colour that is not written as #RRGGBB");
    add("stylist role unknown", setField("staff", 0, "role", QStringLiteral("boss")),
        "staff[0].role: should be one of owner");
    add(
            "time off backwards",
            [](QJsonObject &document) {
                QJsonArray rows = document.value(QStringLiteral("timeOff")).toArray();
                QJsonObject row = rows.at(0).toObject();
                const QJsonValue start = row.value(QStringLiteral("startsAt"));
                row.insert(QStringLiteral("startsAt"), row.value(QStringLiteral("endsAt")));
                row.insert(QStringLiteral("endsAt"), start);
                rows.replace(0, row);
                document.insert(QStringLiteral("timeOff"), rows);
            },
            "ends before it starts");
    add(
            "client twice",
            [](QJsonObject &document) {
                QJsonArray rows = document.value(QStringLiteral("clients")).toArray();
                rows.append(rows.at(0));
                document.insert(QStringLiteral("clients"), rows);
            },
            "repeats the id");
    add(
            "no clients table",
            [](QJsonObject &document) { document.remove(QStringLiteral("clients")); },
            "clients: is missing");
    add(
            "an extra table",
            [](QJsonObject &document) {
                document.insert(QStringLiteral("invoices"), QJsonArray());
            },
            "invoices: is not part of a Chairside export");
    add(
            "version 3",
            [](QJsonObject &document) { document.insert(QStringLiteral("version"), 3); },
            "of version 3");
    add(
            "another format",
            [](QJsonObject &document) {
                document.insert(QStringLiteral("format"), QStringLiteral("salon-iris"));
            },
            "not a Chairside export");
    add(
            "rows as an object",
            [](QJsonObject &document) { document.insert(QStringLiteral("staff"), QJsonObject()); },
            "staff: should be a list");
    add(
            "a row that is text",
            [](QJsonObject &document) {
                document.insert(QStringLiteral("resources"), QJsonArray{QStringLiteral("Chair")});
            },
            "resources[0]: should be an object");
    QTest::addRow("a JSON list") << QByteArray("[1, 2, 3]") << true
                                 << QStringLiteral("not a Chairside export");
    QTest::addRow("JSON cut short")
            << m_export.left(m_export.size() / 2) << true << QStringLiteral("not valid JSON");
    QTest::addRow("not JSON at all")
            << QByteArray("salon,name\n1,Test\n") << true << QStringLiteral("not valid JSON");
    QTest::addRow("a valid export over data, without --replace")
            << m_export << false << QStringLiteral("--replace");
}

void TestCliBadInput::importRefusedAndNothingWritten()
{
    QFETCH(QByteArray, document);
    QFETCH(bool, replace);
    QFETCH(QString, message);

    // Written into the scratch folder and taken into the "files on disk" baseline.
    const QString path = m_scratch.filePath(QStringLiteral("import.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QVERIFY(file.write(document) == document.size());
    file.close();
    m_files = filesOnDisk();

    QStringList arguments{QStringLiteral("import"), path};
    if (replace)
        arguments.append(QStringLiteral("--replace"));
    checkRefusal(m_cli->json(arguments), 3, QStringLiteral("invalid"), message);
    checkNothingWritten();
}

void TestCliBadInput::globalOptionsThatCannotBeParsed_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("json");
    QTest::addColumn<QString>("message");

    QTest::addRow("--json --data-dir") << args({"--json", "--data-dir"}) << true << "Missing value";
    // Here --json is the folder's name, so the error is text.
    QTest::addRow("--data-dir --json")
            << args({"--data-dir", "--json"}) << false << "Name a command";
    QTest::addRow("--json --salon")
            << args({"--json", "list", "--salon"}) << true << "Missing value";
    QTest::addRow("--json --bogus") << args({"--json", "--bogus", "list"}) << true << "bogus";
    QTest::addRow("bogus after --json") << args({"--bogus", "--json"}) << true << "bogus";
}

void TestCliBadInput::globalOptionsThatCannotBeParsed()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, json);
    QFETCH(QString, message);

    // No --data-dir of the runner's own here: the arguments are the whole line.
    const CliResult result = m_cli->bare(arguments);
    if (json) {
        checkRefusal(result, 2, QStringLiteral("usage"), message);
        return;
    }
    ++m_cases;
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.errorText().contains(message), result.describe());
    QCOMPARE(result.err.count('\n'), 1);
    QVERIFY(result.json.isEmpty());
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

    checkRefusal(m_cli->rawBytes(arguments), 2, QStringLiteral("usage"),
                 QStringLiteral("not valid text"));
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

void TestCliBadInput::logsOnlyWhenAsked_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("message");

    QTest::addRow("text, not a store")
            << QByteArray("appointments, please\n") << QStringLiteral("is not a Chairside store");
    QTest::addRow("another program's database")
            << QByteArray() << QStringLiteral("is not a Chairside store");
}

void TestCliBadInput::logsOnlyWhenAsked()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, message);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("chairside.sqlite"));
    if (file.isEmpty()) {
        // A real SQLite database that is not ours (application_id 0).
        {
            QSqlDatabase db =
                    QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("CREATE TABLE invoices (id INTEGER)")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
    } else {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        QVERIFY(out.write(file) == file.size());
    }
    CliRunner other(dir.path());
    const CliResult quiet = other.json(args({"list"}));
    QVERIFY2(quiet.exitCode == 1, quiet.describe());
    checkRefusal(quiet, 1, QStringLiteral("corrupt"), message);
    QVERIFY2(!quiet.errorText().contains(QLatin1String("chairside.store")), quiet.describe());

    // Asked for, the store's reasons come too, before the message.
    const CliResult verbose = other.json(args({"list", "--verbose"}));
    QVERIFY2(verbose.exitCode == 1, verbose.describe());
    QVERIFY2(verbose.err.count('\n') > 1, verbose.describe());
}

QTEST_GUILESS_MAIN(TestCliBadInput)
#include "tst_clibadinput.moc"
