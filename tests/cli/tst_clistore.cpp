// The store as a whole through the CLI: the demo salon (deterministic per
// seed), export → import round trips, refused imports, and store files that
// are not ours.

#include "clirunner.h"
#include "testsupport.h"

#include "store/store.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace chairside::testsupport;

class TestCliStore : public QObject
{
    Q_OBJECT

private slots:
    void demoIsDeterministicPerSeed();
    void demoRefusesAStoreWithData();
    void exportImportRoundTrip();
    void versionOneExportRestores();
    void brokenImportIsRefused_data();
    void brokenImportIsRefused();
    void storeFileNotOursIsRefused_data();
    void storeFileNotOursIsRefused();
    void helpAndVersion();
    void readFailureSaysSoAndExitsOne_data();
    void readFailureSaysSoAndExitsOne();

private:
    static QByteArray hashOf(const QString &path);
};

QByteArray TestCliStore::hashOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

void TestCliStore::demoIsDeterministicPerSeed()
{
    QTemporaryDir a, b, c;
    const QStringList demo = args({"demo", "--stylists", "4", "--clients", "40", "--appointments",
                                   "150", "--today", "2026-12-01"});
    const CliResult first = CliRunner(a.path()).json(demo + args({"--seed", "7"}));
    QVERIFY2(first.exitCode == 0, first.describe());
    QCOMPARE(first.json.value(QStringLiteral("seed")).toInt(), 7);
    QCOMPARE(first.json.value(QStringLiteral("clients")).toInt(), 40);
    QVERIFY(first.json.value(QStringLiteral("appointments")).toInt() > 100);
    QVERIFY(!first.json.value(QStringLiteral("salon"))
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toString()
                     .isEmpty());
    QCOMPARE(CliRunner(b.path()).json(demo + args({"--seed", "7"})).exitCode, 0);
    QCOMPARE(CliRunner(c.path()).json(demo + args({"--seed", "8"})).exitCode, 0);

    const QByteArray exportA = CliRunner(a.path()).exportStore();
    QVERIFY(exportA.size() > 10000);
    QCOMPARE(CliRunner(b.path()).exportStore(), exportA);
    QVERIFY(CliRunner(c.path()).exportStore() != exportA);

    // Every appointment comes with its segments.
    const QJsonObject document = QJsonDocument::fromJson(exportA).object();
    const QJsonArray appointments = document.value(QStringLiteral("appointments")).toArray();
    QCOMPARE(appointments.size(), first.json.value(QStringLiteral("appointments")).toInt());
    for (const QJsonValue &appointment : appointments) {
        const QJsonArray lines = appointment.toObject().value(QStringLiteral("lines")).toArray();
        QVERIFY(!lines.isEmpty());
        QVERIFY(!lines.first().toObject().value(QStringLiteral("segments")).toArray().isEmpty());
    }
    // Demo data never syncs.
    QCOMPARE(CliRunner(a.path()).outboxPending(), 0);
}

void TestCliStore::demoRefusesAStoreWithData()
{
    QTemporaryDir dir;
    const CliRunner cli(dir.path());
    QCOMPARE(cli.json(args({"demo", "--seed", "1", "--appointments", "20", "--clients", "10",
                            "--today", "2026-12-01"}))
                     .exitCode,
             0);
    const QByteArray before = cli.exportStore();
    const CliResult again =
            cli.json(args({"demo", "--seed", "2", "--appointments", "20", "--clients", "10"}));
    QCOMPARE(again.exitCode, 3);
    QVERIFY2(again.errorText().contains(QLatin1String("--replace")), again.describe());
    QCOMPARE(cli.exportStore(), before);

    const CliResult replaced = cli.json(
            args({"demo", "--seed", "2", "--appointments", "20", "--clients", "10", "--replace"}));
    QVERIFY2(replaced.exitCode == 0, replaced.describe());
    QVERIFY(cli.exportStore() != before);
    QCOMPARE(QJsonDocument::fromJson(cli.exportStore())
                     .object()
                     .value(QStringLiteral("salons"))
                     .toArray()
                     .size(),
             1);
}

void TestCliStore::exportImportRoundTrip()
{
    QTemporaryDir source, target;
    const CliRunner from(source.path());
    QCOMPARE(from.json(args({"demo", "--seed", "5", "--stylists", "3", "--clients", "30",
                             "--appointments", "60", "--today", "2026-12-01"}))
                     .exitCode,
             0);
    // Add rows of every kind the demo may not have.
    QCOMPARE(from.json(args({"clients", "add", "--name", "Zoë Ämberg", "--notes", "Ünïcode ✂ notes",
                             "--patch-test", "2026-11-20", "--consent", "sms,photos"}))
                     .exitCode,
             0);
    const QString stylist = from.json(args({"staff", "list"}))
                                    .json.value(QStringLiteral("staff"))
                                    .toArray()
                                    .last()
                                    .toObject()
                                    .value(QStringLiteral("id"))
                                    .toString();
    QVERIFY(!stylist.isEmpty());
    const CliResult booked =
            from.json(args({"book", "--client", "Zoë Ämberg", "--service", "Cut & Finish",
                            "--start", "2027-06-01T10:00", "--repeat",
                            "FREQ=WEEKLY;INTERVAL=6;COUNT=3", "--overbook", "--staff"})
                      << stylist);
    QVERIFY2(booked.exitCode == 0, booked.describe());
    const QString firstVisit = booked.json.value(QStringLiteral("appointments"))
                                       .toArray()
                                       .first()
                                       .toObject()
                                       .value(QStringLiteral("id"))
                                       .toString();
    const CliResult cancelled =
            from.json(args({"cancel"})
                      << firstVisit << args({"--reason", "Ski trip; will rebook ✂ \"soon\""}));
    QVERIFY2(cancelled.exitCode == 0, cancelled.describe());
    QCOMPARE(cancelled.json.value(QStringLiteral("appointment"))
                     .toObject()
                     .value(QStringLiteral("cancelReason"))
                     .toString(),
             QStringLiteral("Ski trip; will rebook ✂ \"soon\""));
    QCOMPARE(from.json(args({"waitlist", "add", "--client", "Zoë Ämberg", "--service",
                             "Cut & Finish", "--from", "2026-12-01", "--to", "2026-12-20",
                             "--notes", "Any afternoon"}))
                     .exitCode,
             0);
    QCOMPARE(from.json(args({"shifts", "time-off", "--staff"})
                       << stylist
                       << args({"--start", "2027-01-04", "--end", "2027-01-08", "--reason", "Ski"}))
                     .exitCode,
             0);
    QCOMPARE(from.json(args({"shifts", "exception", "--staff"})
                       << stylist
                       << args({"--date", "2026-12-24", "--start", "09:00", "--end", "13:00"}))
                     .exitCode,
             0);

    const QString file = source.filePath(QStringLiteral("backup.json"));
    const CliResult written = from.json(args({"export", "--output"}) << file);
    QVERIFY2(written.exitCode == 0, written.describe());
    QFile exported(file);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    const QByteArray original = exported.readAll();
    QCOMPARE(original, from.exportStore());

    const CliRunner to(target.path());
    const CliResult imported = to.json(args({"import"}) << file);
    QVERIFY2(imported.exitCode == 0, imported.describe());
    QCOMPARE(imported.json.value(QStringLiteral("imported"))
                     .toObject()
                     .value(QStringLiteral("clients"))
                     .toInt(),
             31);
    QCOMPARE(to.exportStore(), original);
    QVERIFY(to.outboxPending() > 0);

    // Importing again needs --replace; with it the store is the file again.
    QCOMPARE(to.json(args({"import"}) << file).exitCode, 3);
    QCOMPARE(to.json(args({"clients", "add", "--name", "Extra"})).exitCode, 0);
    QCOMPARE(to.json(args({"import", "--replace"}) << file).exitCode, 0);
    QCOMPARE(to.exportStore(), original);
}

// An export from before the front desk's fields (format version 1) restores,
// and exports again as version 2 with the values those fields meant.
void TestCliStore::versionOneExportRestores()
{
    QTemporaryDir source, target;
    const CliRunner from(source.path());
    const QString failure = from.setUpSalon();
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    const CliResult booked = from.json(args({"book", "--staff", "Mia", "--service", "Colour",
                                             "--client", "Bob", "--start", "2026-12-01T10:00"}));
    QVERIFY2(booked.exitCode == 0, booked.describe());
    const QString id = booked.json.value(QStringLiteral("appointments"))
                               .toArray()
                               .first()
                               .toObject()
                               .value(QStringLiteral("id"))
                               .toString();
    QCOMPARE(from.json(args({"cancel"}) << id).exitCode, 0);
    const QByteArray current = from.exportStore();

    // What Chairside wrote before version 2.
    QJsonObject document = QJsonDocument::fromJson(current).object();
    QCOMPARE(document.value(QStringLiteral("version")).toInt(), 2);
    document.insert(QStringLiteral("version"), 1);
    const QList<QPair<QString, QStringList>> added = {
            {QStringLiteral("salons"),
             {QStringLiteral("patchTestMinHours"), QStringLiteral("patchTestMaxDays")}},
            {QStringLiteral("services"),
             {QStringLiteral("rebookWeeks"), QStringLiteral("needsPatchTest")}},
            {QStringLiteral("appointments"), {QStringLiteral("cancelReason")}}};
    for (const auto &[table, keys] : added) {
        QJsonArray rows = document.value(table).toArray();
        QVERIFY(!rows.isEmpty());
        for (qsizetype i = 0; i < rows.size(); ++i) {
            QJsonObject row = rows.at(i).toObject();
            for (const QString &key : keys) {
                QVERIFY2(row.contains(key), qPrintable(key));
                row.remove(key);
            }
            rows.replace(i, row);
        }
        document.insert(table, rows);
    }
    const QString file = source.filePath(QStringLiteral("yesterday.json"));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(document).toJson());
    out.close();

    const CliRunner to(target.path());
    const CliResult imported = to.json(args({"import"}) << file);
    QVERIFY2(imported.exitCode == 0, imported.describe());
    QCOMPARE(to.exportStore(), current);
}

void TestCliStore::brokenImportIsRefused_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("message");

    QTest::addRow("not JSON") << QByteArray("{ \"format\": \"chairside-export\", ")
                              << "not valid JSON";
    QTest::addRow("binary") << QByteArray("\x89PNG\r\n\x1a\n\0\0", 10) << "not valid JSON";
    QTest::addRow("a list") << QByteArray("[1, 2, 3]") << "not a Chairside export";
    QTest::addRow("someone else's JSON")
            << QByteArray(R"({"name": "package.json"})") << "not a Chairside export";
    QTest::addRow("newer version")
            << QByteArray(R"({"format": "chairside-export", "version": 99})") << "version 99";
    QTest::addRow("salons not a list")
            << QByteArray(R"({"format": "chairside-export", "version": 1, "salons": {}})")
            << "salons: should be a list";
    QTest::addRow("salon without id") << QByteArray(
            R"({"format": "chairside-export", "version": 1, "salons": [{"name": "X", "timeZone": "Europe/London"}]})")
                                      << "salons[0].id: is missing";
    // Hand-written files name what they lack; rules and references are
    // checked on full exports in tst_clibadinput and tst_storearchive.
    QTest::addRow("hand-written salon") << QByteArray(
            R"({"format": "chairside-export", "version": 1, "salons": [{"id": "s", "name": "X", "timeZone": "Europe/London"}]})")
                                        << "salons[0].openingHours: is missing";
    QTest::addRow("duplicate ids") << QByteArray(R"({"format": "chairside-export", "version": 1,
            "salons": [{"id": "s", "name": "X", "timeZone": "Europe/London"}, {"id": "s", "name": "Y", "timeZone": "Europe/London"}]})")
                                   << "repeats the id";
}

void TestCliStore::brokenImportIsRefused()
{
    QFETCH(QByteArray, document);
    QFETCH(QString, message);

    QTemporaryDir dir;
    const CliRunner cli(dir.path());
    QCOMPARE(cli.json(args({"demo", "--appointments", "10", "--clients", "5", "--today",
                            "2026-12-01"}))
                     .exitCode,
             0);
    const QByteArray before = cli.exportStore();
    const qint64 outbox = cli.outboxPending();

    const QString file = dir.filePath(QStringLiteral("broken.json"));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(document);
    out.close();

    for (const bool replace : {false, true}) {
        const CliResult result = cli.json(args({"import"}) << file
                                                           << (replace ? QStringLiteral("--replace")
                                                                       : QStringLiteral("--json")));
        QVERIFY2(result.exitCode == 3, result.describe());
        QVERIFY2(result.errorText().contains(message), result.describe());
        QCOMPARE(cli.exportStore(), before);
        QCOMPARE(cli.outboxPending(), outbox);
    }
    const CliResult missing =
            cli.json(args({"import"}) << dir.filePath(QStringLiteral("no-such-file.json")));
    QCOMPARE(missing.exitCode, 3);
}

void TestCliStore::storeFileNotOursIsRefused_data()
{
    QTest::addColumn<QByteArray>("kind");
    QTest::addRow("text file") << QByteArray("text");
    QTest::addRow("another program's SQLite database") << QByteArray("sqlite");
    QTest::addRow("damaged Chairside store") << QByteArray("damaged");
}

void TestCliStore::storeFileNotOursIsRefused()
{
    QFETCH(QByteArray, kind);

    QTemporaryDir dir;
    const QString path = chairside::Store::pathIn(dir.path());
    if (kind == "text") {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
                QByteArray("These are my holiday notes, not an appointment book.\n").repeated(200));
    } else if (kind == "sqlite") {
        {
            QSqlDatabase db =
                    QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(
                    QStringLiteral("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")));
            QVERIFY(query.exec(QStringLiteral("INSERT INTO recipes (name) VALUES ('soup')")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("other"));
    } else {
        QCOMPARE(CliRunner(dir.path())
                         .json(args({"demo", "--appointments", "50", "--clients", "10", "--today",
                                     "2026-12-01"}))
                         .exitCode,
                 0);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.size() > 8192);
        // Scribble over everything after the header: pages no longer parse.
        file.seek(4096);
        file.write(QByteArray(int(file.size() - 4096), '\xA5'));
    }
    const QByteArray before = hashOf(path);
    QVERIFY(!before.isEmpty());

    const CliRunner cli(dir.path());
    for (const QStringList &command :
         {args({"list", "--from", "2026-12-01"}), args({"clients", "add", "--name", "Ann"}),
          args({"demo", "--replace"}), args({"export"}), args({"info"})}) {
        const CliResult result = cli.json(command);
        QVERIFY2(result.exitCode == 1, result.describe());
        const QString code = result.json.value(QStringLiteral("error"))
                                     .toObject()
                                     .value(QStringLiteral("code"))
                                     .toString();
        QVERIFY2(code == QLatin1String("corrupt") || code == QLatin1String("storage"),
                 result.describe());
        QVERIFY2(result.errorText().size() > 30, result.describe());
        QCOMPARE(hashOf(path), before);
    }
}

void TestCliStore::helpAndVersion()
{
    QTemporaryDir dir;
    const CliRunner cli(dir.path());
    const CliResult help = cli.text(args({"--help"}));
    QCOMPARE(help.exitCode, 0);
    for (const char *command :
         {"demo", "staff", "services", "resources", "clients", "shifts", "book", "move", "cancel",
          "status", "list", "slots", "waitlist", "export", "import"})
        QVERIFY2(help.out.contains(QByteArray("\n  ") + command + ' '), command);
    const CliResult bookHelp = cli.text(args({"book", "--help"}));
    QCOMPARE(bookHelp.exitCode, 0);
    QVERIFY(bookHelp.out.contains("--overbook"));
    QVERIFY(bookHelp.out.contains("chairside-cli book"));
    const CliResult staffHelp = cli.text(args({"staff", "--help"}));
    QCOMPARE(staffHelp.exitCode, 0);
    QVERIFY(staffHelp.out.contains("remove"));
    const CliResult version = cli.text(args({"--version"}));
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.startsWith("chairside-cli "));
    // Nothing of that made a store.
    QVERIFY(!QFile::exists(chairside::Store::pathIn(dir.path())));
}

void TestCliStore::readFailureSaysSoAndExitsOne_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("table"); // taken away before the command runs
    QTest::addRow("list") << args({"list", "--from", "2026-12-01", "--to", "2026-12-08"})
                          << QStringLiteral("appointments");
    QTest::addRow("clients list") << args({"clients", "list"}) << QStringLiteral("clients");
    QTest::addRow("export") << args({"export"}) << QStringLiteral("waitlist");
    QTest::addRow("info") << args({"info"}) << QStringLiteral("outbox");
}

// A read SQLite cannot answer is not an empty book: the sentence, exit 1.
void TestCliStore::readFailureSaysSoAndExitsOne()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, table);
    QTemporaryDir dir;
    const CliRunner cli(dir.path());
    const QString setUp = cli.setUpSalon();
    QVERIFY2(setUp.isEmpty(), qPrintable(setUp));
    const QByteArray before = cli.exportStore();

    MissingTable missing(chairside::Store::pathIn(dir.path()), table);
    QVERIFY2(missing.errorString().isEmpty(), qPrintable(missing.errorString()));
    const CliResult json = cli.json(arguments);
    QVERIFY2(json.exitCode == 1, json.describe());
    const QJsonObject error = json.json.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("storage"));
    QCOMPARE(
            error.value(QStringLiteral("message")).toString(),
            QStringLiteral("The appointment book could not be read: no such table: %1").arg(table));
    const CliResult text = cli.text(arguments);
    QVERIFY2(text.exitCode == 1, text.describe());
    QCOMPARE(text.out, QByteArray());
    QCOMPARE(text.errorText().trimmed(),
             QStringLiteral("chairside-cli: The appointment book could not be read: no such "
                            "table: %1")
                     .arg(table));

    QVERIFY2(missing.restore(), qPrintable(missing.errorString()));
    QCOMPARE(cli.exportStore(), before);
}

QTEST_GUILESS_MAIN(TestCliStore)
#include "tst_clistore.moc"
