// End to end: book → list → move → status → cancel, conflicts and why,
// overbooking, processing time, standing appointments and slots, through the
// built chairside-cli and its JSON.

#include "clirunner.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace chairside::testsupport;

class TestCliBooking : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void bookListMoveStatusCancel();
    void processingTimeIsBookable();
    void conflictsAreRefusedWithReasons_data();
    void conflictsAreRefusedWithReasons();
    void overbookIsRecorded();
    void serviceNoLongerOfferedIsRefused();
    void moveChecksAgainWithoutItself();
    void standingAppointmentEverySixWeeks();
    void standingAppointmentRefusedNamesTheDates();
    void slotsAsJson();
    void namesResolve_data();
    void namesResolve();
    void noShowCountsForTheClient();
    void statusTransitionsAreChecked();
    void cancelKeepsTheReason();
    void patchTestWarnsButBooks_data();
    void patchTestWarnsButBooks();
    void patchTestRunningOutDuringASeries();

private:
    CliResult book(const QStringList &extra) const;
    int appointmentCount(const char *from, const char *to) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CliRunner> m_cli;
};

void TestCliBooking::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_cli = std::make_unique<CliRunner>(m_dir->path());
    const QString failure = m_cli->setUpSalon();
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

CliResult TestCliBooking::book(const QStringList &extra) const
{
    return m_cli->json(args({"book"}) + extra);
}

int TestCliBooking::appointmentCount(const char *from, const char *to) const
{
    const CliResult listed = m_cli->json(args({"list", "--from", from, "--to", to}));
    return listed.exitCode == 0
            ? int(listed.json.value(QStringLiteral("appointments")).toArray().size())
            : -1;
}

void TestCliBooking::bookListMoveStatusCancel()
{
    const CliResult booked = book(args({"--staff", "Mia", "--service", "Cut & Finish", "--client",
                                        "Bob Stone", "--start", "2026-12-01T10:00", "--notes",
                                        "Likes it short", "--deposit", "10", "--by", "Jo"}));
    QVERIFY2(booked.exitCode == 0, booked.describe());
    const QJsonArray appointments = booked.json.value(QStringLiteral("appointments")).toArray();
    QCOMPARE(appointments.size(), 1);
    const QJsonObject appointment = appointments.first().toObject();
    const QString id = appointment.value(QStringLiteral("id")).toString();
    QVERIFY(!id.isEmpty());
    QCOMPARE(appointment.value(QStringLiteral("status")).toString(), QStringLiteral("booked"));
    QCOMPARE(appointment.value(QStringLiteral("start")).toString(),
             QStringLiteral("2026-12-01T10:00:00+00:00"));
    QCOMPARE(appointment.value(QStringLiteral("end")).toString(),
             QStringLiteral("2026-12-01T10:45:00+00:00"));
    QCOMPARE(appointment.value(QStringLiteral("client"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
             QStringLiteral("Bob Stone"));
    QCOMPARE(appointment.value(QStringLiteral("notes")).toString(),
             QStringLiteral("Likes it short"));
    QCOMPARE(appointment.value(QStringLiteral("depositCents")).toInt(), 1000);
    QCOMPARE(appointment.value(QStringLiteral("createdBy")).toString(), QStringLiteral("Jo"));
    QCOMPARE(appointment.value(QStringLiteral("overbooked")).toBool(), false);
    const QJsonObject line =
            appointment.value(QStringLiteral("lines")).toArray().first().toObject();
    QCOMPARE(
            line.value(QStringLiteral("staff")).toObject().value(QStringLiteral("name")).toString(),
            QStringLiteral("Mia Khan"));
    const QJsonObject segment = line.value(QStringLiteral("segments")).toArray().first().toObject();
    QCOMPARE(segment.value(QStringLiteral("kind")).toString(), QStringLiteral("busy"));
    QCOMPARE(segment.value(QStringLiteral("resources"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
             QStringLiteral("Chair"));

    const CliResult listed =
            m_cli->json(args({"list", "--from", "2026-12-01", "--staff", "Mia Khan"}));
    QVERIFY2(listed.exitCode == 0, listed.describe());
    QCOMPARE(listed.json.value(QStringLiteral("appointments")).toArray().size(), 1);
    QCOMPARE(listed.json.value(QStringLiteral("appointments"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toString(),
             id);
    QCOMPARE(m_cli->json(args({"list", "--from", "2026-12-01", "--staff", "Tom"}))
                     .json.value(QStringLiteral("appointments"))
                     .toArray()
                     .size(),
             0);

    const CliResult moved =
            m_cli->json(args({"move"})
                        << id
                        << args({"--start", "2026-12-01T11:00", "--staff", "Tom", "--by", "Sam"}));
    QVERIFY2(moved.exitCode == 0, moved.describe());
    const QJsonObject afterMove = moved.json.value(QStringLiteral("appointment")).toObject();
    QCOMPARE(afterMove.value(QStringLiteral("id")).toString(), id);
    QCOMPARE(afterMove.value(QStringLiteral("start")).toString(),
             QStringLiteral("2026-12-01T11:00:00+00:00"));
    QCOMPARE(afterMove.value(QStringLiteral("lines"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("staff"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
             QStringLiteral("Tom Reed"));
    QCOMPARE(afterMove.value(QStringLiteral("changedBy")).toString(), QStringLiteral("Sam"));
    QCOMPARE(afterMove.value(QStringLiteral("createdBy")).toString(), QStringLiteral("Jo"));

    const CliResult confirmed =
            m_cli->json(args({"status"}) << id << args({"confirmed", "--by", "Kim"}));
    QVERIFY2(confirmed.exitCode == 0, confirmed.describe());
    QCOMPARE(confirmed.json.value(QStringLiteral("appointment"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
             QStringLiteral("confirmed"));
    QCOMPARE(confirmed.json.value(QStringLiteral("appointment"))
                     .toObject()
                     .value(QStringLiteral("changedBy"))
                     .toString(),
             QStringLiteral("Kim"));

    const CliResult cancelled = m_cli->json(args({"cancel"}) << id);
    QVERIFY2(cancelled.exitCode == 0, cancelled.describe());
    QCOMPARE(cancelled.json.value(QStringLiteral("appointment"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
             QStringLiteral("cancelled"));

    // Cancelled: still listed, no longer holds the time.
    const CliResult after = m_cli->json(args({"list", "--from", "2026-12-01"}));
    QCOMPARE(after.json.value(QStringLiteral("appointments"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
             QStringLiteral("cancelled"));
    const CliResult again = book(args({"--staff", "Tom", "--service", "Cut & Finish", "--client",
                                       "Bob", "--start", "2026-12-01T11:00"}));
    QVERIFY2(again.exitCode == 0, again.describe());

    const CliResult moveCancelled =
            m_cli->json(args({"move"}) << id << args({"--start", "2026-12-01T15:00"}));
    QCOMPARE(moveCancelled.exitCode, 3);
    QVERIFY2(moveCancelled.errorText().contains(QLatin1String("cancelled")),
             moveCancelled.describe());
    QCOMPARE(moveCancelled.json.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
             QStringLiteral("invalid"));
}

void TestCliBooking::processingTimeIsBookable()
{
    // Colour: Mia busy 10:00-10:30, processing 10:30-11:05, busy 11:05-11:35, buffer to 11:45.
    const CliResult colour = book(args({"--staff", "Mia", "--service", "Colour", "--client", "Bob",
                                        "--start", "2026-12-01T10:00"}));
    QVERIFY2(colour.exitCode == 0, colour.describe());
    const QJsonArray segments = colour.json.value(QStringLiteral("appointments"))
                                        .toArray()
                                        .first()
                                        .toObject()
                                        .value(QStringLiteral("lines"))
                                        .toArray()
                                        .first()
                                        .toObject()
                                        .value(QStringLiteral("segments"))
                                        .toArray();
    QCOMPARE(segments.size(), 4);
    QCOMPARE(segments.at(1).toObject().value(QStringLiteral("kind")).toString(),
             QStringLiteral("processing"));
    QCOMPARE(segments.at(3).toObject().value(QStringLiteral("kind")).toString(),
             QStringLiteral("buffer"));
    QCOMPARE(segments.at(3).toObject().value(QStringLiteral("end")).toString(),
             QStringLiteral("2026-12-01T11:45:00+00:00"));

    // A fringe in Mia's processing time (on the second chair) fits ...
    const CliResult fringe = book(args({"--staff", "Mia", "--service", "Fringe Trim", "--walk-in",
                                        "--start", "2026-12-01T10:35"}));
    QVERIFY2(fringe.exitCode == 0, fringe.describe());
    QCOMPARE(fringe.json.value(QStringLiteral("appointments"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("walkIn"))
                     .toBool(),
             true);
    // ... a cut running into the finish does not.
    const CliResult cut = book(args({"--staff", "Mia", "--service", "Cut & Finish", "--client",
                                     "Bob", "--start", "2026-12-01T10:50"}));
    QCOMPARE(cut.exitCode, 3);
}

void TestCliBooking::conflictsAreRefusedWithReasons_data()
{
    QTest::addColumn<QString>("staff");
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("reason");

    QTest::addRow("on her break") << "Mia"
                                  << "2026-12-01T12:45"
                                  << "break";
    QTest::addRow("after the shift") << "Mia"
                                     << "2026-12-01T16:30"
                                     << "not working";
    QTest::addRow("before the shift") << "Tom"
                                      << "2026-12-01T08:00"
                                      << "not working";
    QTest::addRow("sunday, no shift") << "Tom"
                                      << "2026-12-06T10:00"
                                      << "not working";
    QTest::addRow("overlap") << "Tom"
                             << "2026-12-01T09:30"
                             << "another client";
}

void TestCliBooking::conflictsAreRefusedWithReasons()
{
    QFETCH(QString, staff);
    QFETCH(QString, start);
    QFETCH(QString, reason);

    QCOMPARE(book(args({"--staff", "Tom", "--service", "Cut & Finish", "--client", "Bob", "--start",
                        "2026-12-01T09:00"}))
                     .exitCode,
             0);
    const QByteArray before = m_cli->exportStore();
    const qint64 outboxBefore = m_cli->outboxPending();

    const CliResult refused = book(args({"--service", "Cut & Finish", "--client", "Bob", "--staff"})
                                   << staff << QStringLiteral("--start") << start);
    QCOMPARE(refused.exitCode, 3);
    QVERIFY2(refused.errorText().contains(reason), refused.describe());
    const QJsonObject error = refused.json.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("conflict"));
    QVERIFY(error.value(QStringLiteral("message")).toString().contains(reason));
    QCOMPARE(m_cli->exportStore(), before);
    QCOMPARE(m_cli->outboxPending(), outboxBefore);
}

void TestCliBooking::overbookIsRecorded()
{
    QCOMPARE(book(args({"--staff", "Tom", "--service", "Cut & Finish", "--client", "Bob", "--start",
                        "2026-12-01T09:00"}))
                     .exitCode,
             0);
    const CliResult over =
            book(args({"--staff", "Tom", "--service", "Fringe Trim", "--walk-in", "--start",
                       "2026-12-01T09:15", "--overbook", "--by", "Manager Meg"}));
    QVERIFY2(over.exitCode == 0, over.describe());
    const QJsonObject appointment =
            over.json.value(QStringLiteral("appointments")).toArray().first().toObject();
    QCOMPARE(appointment.value(QStringLiteral("overbooked")).toBool(), true);
    QVERIFY2(appointment.value(QStringLiteral("overbookReason"))
                     .toString()
                     .contains(QLatin1String("another client")),
             qPrintable(appointment.value(QStringLiteral("overbookReason")).toString()));
    QCOMPARE(appointment.value(QStringLiteral("createdBy")).toString(),
             QStringLiteral("Manager Meg"));

    // It is kept: listed with the flag and the reason.
    const CliResult listed = m_cli->json(args({"list", "--from", "2026-12-01", "--staff", "Tom"}));
    int overbooked = 0;
    for (const QJsonValue &value : listed.json.value(QStringLiteral("appointments")).toArray())
        overbooked += value.toObject().value(QStringLiteral("overbooked")).toBool() ? 1 : 0;
    QCOMPARE(overbooked, 1);
}

// A service taken off the menu ("services edit --active no") keeps its
// history but takes no new bookings, except as an overbooking.
void TestCliBooking::serviceNoLongerOfferedIsRefused()
{
    const CliResult retired =
            m_cli->json(args({"services", "edit", "Fringe Trim", "--active", "no"}));
    QVERIFY2(retired.exitCode == 0, retired.describe());
    const QByteArray before = m_cli->exportStore();

    const QStringList fringe = args({"--staff", "Tom", "--service", "Fringe Trim", "--client",
                                     "Bob", "--start", "2026-12-01T10:00"});
    const CliResult refused = book(fringe);
    QCOMPARE(refused.exitCode, 3);
    QVERIFY2(refused.errorText().contains(QLatin1String("Fringe Trim is no longer offered")),
             refused.describe());
    QCOMPARE(m_cli->exportStore(), before);

    const CliResult over = book(fringe + args({"--overbook"}));
    QVERIFY2(over.exitCode == 0, over.describe());
    const QJsonObject appointment =
            over.json.value(QStringLiteral("appointments")).toArray().first().toObject();
    QCOMPARE(appointment.value(QStringLiteral("overbooked")).toBool(), true);
    QVERIFY(appointment.value(QStringLiteral("overbookReason"))
                    .toString()
                    .contains(QLatin1String("no longer offered")));
}

void TestCliBooking::moveChecksAgainWithoutItself()
{
    const CliResult first = book(args({"--staff", "Tom", "--service", "Cut & Finish", "--client",
                                       "Bob", "--start", "2026-12-01T09:00"}));
    const CliResult second = book(args({"--staff", "Tom", "--service", "Cut & Finish", "--client",
                                        "Bob", "--start", "2026-12-01T10:00"}));
    QVERIFY(first.exitCode == 0 && second.exitCode == 0);
    const QString id = first.json.value(QStringLiteral("appointments"))
                               .toArray()
                               .first()
                               .toObject()
                               .value(QStringLiteral("id"))
                               .toString();

    // Overlapping itself is fine (15 minutes later) ...
    const CliResult shifted =
            m_cli->json(args({"move"}) << id << args({"--start", "2026-12-01T09:15"}));
    QVERIFY2(shifted.exitCode == 0, shifted.describe());
    // ... overlapping the other visit is not, and nothing changes.
    const QByteArray before = m_cli->exportStore();
    const CliResult clash =
            m_cli->json(args({"move"}) << id << args({"--start", "2026-12-01T09:45"}));
    QCOMPARE(clash.exitCode, 3);
    QVERIFY2(clash.errorText().contains(QLatin1String("another client")), clash.describe());
    QCOMPARE(m_cli->exportStore(), before);
}

void TestCliBooking::standingAppointmentEverySixWeeks()
{
    const CliResult booked =
            book(args({"--staff", "Mia", "--service", "Cut & Finish", "--client", "Bob", "--start",
                       "2026-12-01T10:00", "--repeat", "FREQ=WEEKLY;INTERVAL=6;COUNT=4"}));
    QVERIFY2(booked.exitCode == 0, booked.describe());
    const QJsonArray appointments = booked.json.value(QStringLiteral("appointments")).toArray();
    QCOMPARE(appointments.size(), 4);
    const QString seriesId = booked.json.value(QStringLiteral("seriesId")).toString();
    QVERIFY(!seriesId.isEmpty());
    // 10:00 salon time each time, across the change to summer time (28 March 2027).
    const QStringList expected{QStringLiteral("2026-12-01T10:00:00+00:00"),
                               QStringLiteral("2027-01-12T10:00:00+00:00"),
                               QStringLiteral("2027-02-23T10:00:00+00:00"),
                               QStringLiteral("2027-04-06T10:00:00+01:00")};
    for (int i = 0; i < 4; ++i) {
        const QJsonObject appointment = appointments.at(i).toObject();
        QCOMPARE(appointment.value(QStringLiteral("start")).toString(), expected.at(i));
        QCOMPARE(appointment.value(QStringLiteral("seriesId")).toString(), seriesId);
    }
    QCOMPARE(appointmentCount("2026-12-01", "2027-04-30"), 4);
}

void TestCliBooking::standingAppointmentRefusedNamesTheDates()
{
    const CliResult off =
            m_cli->json(args({"shifts", "time-off", "--staff", "Mia", "--start", "2027-01-11",
                              "--end", "2027-01-15", "--reason", "Holiday"}));
    QVERIFY2(off.exitCode == 0, off.describe());
    const QByteArray before = m_cli->exportStore();

    const CliResult refused =
            book(args({"--staff", "Mia", "--service", "Cut & Finish", "--client", "Bob", "--start",
                       "2026-12-01T10:00", "--repeat", "FREQ=WEEKLY;INTERVAL=6;COUNT=4"}));
    QCOMPARE(refused.exitCode, 3);
    QVERIFY2(refused.errorText().contains(QLatin1String("2027-01-12")), refused.describe());
    QVERIFY2(!refused.errorText().contains(QLatin1String("2026-12-01:")), refused.describe());
    QCOMPARE(m_cli->exportStore(), before);

    // A malformed rule is refused too, before anything is written.
    const CliResult malformed =
            book(args({"--staff", "Mia", "--service", "Cut & Finish", "--client", "Bob", "--start",
                       "2026-12-01T10:00", "--repeat", "EVERY=SIX-WEEKS"}));
    QCOMPARE(malformed.exitCode, 3);
    QCOMPARE(m_cli->exportStore(), before);

    // With --overbook all four are booked, the clashing one marked.
    const CliResult over = book(
            args({"--staff", "Mia", "--service", "Cut & Finish", "--client", "Bob", "--start",
                  "2026-12-01T10:00", "--repeat", "FREQ=WEEKLY;INTERVAL=6;COUNT=4", "--overbook"}));
    QVERIFY2(over.exitCode == 0, over.describe());
    const QJsonArray appointments = over.json.value(QStringLiteral("appointments")).toArray();
    QCOMPARE(appointments.size(), 4);
    QCOMPARE(appointments.at(0).toObject().value(QStringLiteral("overbooked")).toBool(), false);
    QCOMPARE(appointments.at(1).toObject().value(QStringLiteral("overbooked")).toBool(), true);
}

void TestCliBooking::slotsAsJson()
{
    const CliResult free = m_cli->json(args({"slots", "--service", "Cut & Finish", "--staff", "Mia",
                                             "--from", "2026-12-01", "--limit", "3"}));
    QVERIFY2(free.exitCode == 0, free.describe());
    const QJsonArray starts = free.json.value(QStringLiteral("slots")).toArray();
    QCOMPARE(starts.size(), 3);
    QCOMPARE(starts.at(0).toObject().value(QStringLiteral("start")).toString(),
             QStringLiteral("2026-12-01T09:00:00+00:00"));
    QCOMPARE(starts.at(0).toObject().value(QStringLiteral("end")).toString(),
             QStringLiteral("2026-12-01T09:45:00+00:00"));
    QCOMPARE(starts.at(1).toObject().value(QStringLiteral("start")).toString(),
             QStringLiteral("2026-12-01T09:15:00+00:00"));
    QCOMPARE(starts.at(0)
                     .toObject()
                     .value(QStringLiteral("staff"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
             QStringLiteral("Mia Khan"));
    QCOMPARE(free.json.value(QStringLiteral("from")).toString(),
             QStringLiteral("2026-12-01T00:00:00+00:00"));

    QCOMPARE(book(args({"--staff", "Mia", "--service", "Cut & Finish", "--client", "Bob", "--start",
                        "2026-12-01T09:00"}))
                     .exitCode,
             0);
    const CliResult later = m_cli->json(args({"slots", "--service", "Cut & Finish", "--staff",
                                              "Mia", "--from", "2026-12-01", "--limit", "1"}));
    QCOMPARE(later.json.value(QStringLiteral("slots"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("start"))
                     .toString(),
             QStringLiteral("2026-12-01T09:45:00+00:00"));

    // Any stylist: both offer 09:00 for a two-service visit.
    const CliResult any = m_cli->json(args({"slots", "--service", "Fringe Trim,Cut & Finish",
                                            "--from", "2026-12-02", "--limit", "2"}));
    QVERIFY2(any.exitCode == 0, any.describe());
    const QJsonArray both = any.json.value(QStringLiteral("slots")).toArray();
    QCOMPARE(both.size(), 2);
    QCOMPARE(both.at(0).toObject().value(QStringLiteral("end")).toString(),
             QStringLiteral("2026-12-02T10:00:00+00:00"));
    QVERIFY(both.at(0)
                    .toObject()
                    .value(QStringLiteral("staff"))
                    .toObject()
                    .value(QStringLiteral("id"))
            != both.at(1)
                       .toObject()
                       .value(QStringLiteral("staff"))
                       .toObject()
                       .value(QStringLiteral("id")));
}

void TestCliBooking::namesResolve_data()
{
    QTest::addColumn<QString>("client");
    QTest::addColumn<QString>("staff");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    QTest::addRow("full name") << "Bob Stone"
                               << "Mia Khan" << 0 << "";
    QTest::addRow("any case") << "bob stone"
                              << "MIA KHAN" << 0 << "";
    QTest::addRow("unique start") << "Bob"
                                  << "Mi" << 0 << "";
    QTest::addRow("phone") << "07700 900003"
                           << "Tom" << 0 << "";
    QTest::addRow("ambiguous client") << "Ann Lee"
                                      << "Mia" << 3 << "could be more than one client";
    QTest::addRow("ambiguous start") << "Ann"
                                     << "Mia" << 3 << "07700";
    QTest::addRow("unknown client") << "Zed Zulu"
                                    << "Mia" << 3 << "no client called “Zed Zulu”";
    QTest::addRow("unknown stylist") << "Bob"
                                     << "Nobody" << 3 << "no stylist called “Nobody”";
}

void TestCliBooking::namesResolve()
{
    QFETCH(QString, client);
    QFETCH(QString, staff);
    QFETCH(int, exitCode);
    QFETCH(QString, message);

    const CliResult result =
            book(args({"--service", "Cut & Finish", "--start", "2026-12-01T10:00", "--client"})
                 << client << QStringLiteral("--staff") << staff);
    QVERIFY2(result.exitCode == exitCode, result.describe());
    if (exitCode == 0)
        return;
    QVERIFY2(result.errorText().contains(message)
                     || result.json.value(QStringLiteral("error"))
                                .toObject()
                                .value(QStringLiteral("message"))
                                .toString()
                                .contains(message),
             result.describe());
    QCOMPARE(result.json.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
             QStringLiteral("not-found"));
    if (client == QLatin1String("Ann Lee")) {
        // Both candidates are listed, by id, so the desk can pick one.
        const CliResult clients = m_cli->json(args({"clients", "list", "--search", "Ann Lee"}));
        const QJsonArray found = clients.json.value(QStringLiteral("clients")).toArray();
        QCOMPARE(found.size(), 2);
        for (const QJsonValue &value : found)
            QVERIFY(result.errorText().contains(
                    value.toObject().value(QStringLiteral("id")).toString()));
        const QString id = found.first().toObject().value(QStringLiteral("id")).toString();
        const CliResult byId = book(args({"--service", "Cut & Finish", "--start",
                                          "2026-12-01T10:00", "--staff", "Mia", "--client"})
                                    << id);
        QVERIFY2(byId.exitCode == 0, byId.describe());
    }
}

void TestCliBooking::noShowCountsForTheClient()
{
    const CliResult booked = book(args({"--staff", "Mia", "--service", "Cut & Finish", "--client",
                                        "Bob", "--start", "2026-12-01T10:00"}));
    const QString id = booked.json.value(QStringLiteral("appointments"))
                               .toArray()
                               .first()
                               .toObject()
                               .value(QStringLiteral("id"))
                               .toString();
    const CliResult noShow = m_cli->json(args({"status"}) << id << QStringLiteral("no-show"));
    QVERIFY2(noShow.exitCode == 0, noShow.describe());
    const CliResult clients = m_cli->json(args({"clients", "list", "--search", "Bob"}));
    QCOMPARE(clients.json.value(QStringLiteral("clients"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("noShowCount"))
                     .toInt(),
             1);
    // The no-show frees the time.
    QCOMPARE(book(args({"--staff", "Mia", "--service", "Cut & Finish", "--client", "Bob", "--start",
                        "2026-12-01T10:00"}))
                     .exitCode,
             0);
}

void TestCliBooking::statusTransitionsAreChecked()
{
    const CliResult booked = book(args({"--staff", "Mia", "--service", "Cut & Finish", "--client",
                                        "Bob", "--start", "2026-12-01T10:00"}));
    const QString id = booked.json.value(QStringLiteral("appointments"))
                               .toArray()
                               .first()
                               .toObject()
                               .value(QStringLiteral("id"))
                               .toString();
    QCOMPARE(m_cli->json(args({"status"}) << id << QStringLiteral("arrived")).exitCode, 0);
    QCOMPARE(m_cli->json(args({"status"}) << id << QStringLiteral("in-service")).exitCode, 0);

    const QByteArray before = m_cli->exportStore();
    const CliResult back = m_cli->json(args({"status"}) << id << QStringLiteral("booked"));
    QCOMPARE(back.exitCode, 3);
    QVERIFY2(back.errorText().contains(QLatin1String("cannot become booked")), back.describe());
    const CliResult cancel = m_cli->json(args({"cancel"}) << id);
    QCOMPARE(cancel.exitCode, 3);
    const CliResult unknownStatus =
            m_cli->json(args({"status"}) << id << QStringLiteral("sleeping"));
    QCOMPARE(unknownStatus.exitCode, 2);
    const CliResult unknownId = m_cli->json(args({"status", "no-such-id", "confirmed"}));
    QCOMPARE(unknownId.exitCode, 3);
    QCOMPARE(m_cli->exportStore(), before);

    const CliResult done = m_cli->json(args({"status"}) << id << QStringLiteral("completed"));
    QVERIFY2(done.exitCode == 0, done.describe());
}

void TestCliBooking::cancelKeepsTheReason()
{
    auto bookAt = [this](const char *start) {
        return book(args({"--staff", "Mia", "--service", "Cut & Finish", "--client", "Bob",
                          "--start", start}))
                .json.value(QStringLiteral("appointments"))
                .toArray()
                .first()
                .toObject()
                .value(QStringLiteral("id"))
                .toString();
    };
    const QString withReason = bookAt("2026-12-01T10:00");
    const QString without = bookAt("2026-12-01T11:00");
    const QString byStatus = bookAt("2026-12-01T12:00");
    QVERIFY(!withReason.isEmpty() && !without.isEmpty() && !byStatus.isEmpty());

    const CliResult cancelled =
            m_cli->json(args({"cancel"}) << withReason << args({"--reason", "  Unwell  "}));
    QVERIFY2(cancelled.exitCode == 0, cancelled.describe());
    const QJsonObject appointment = cancelled.json.value(QStringLiteral("appointment")).toObject();
    QCOMPARE(appointment.value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));
    QCOMPARE(appointment.value(QStringLiteral("cancelReason")).toString(),
             QStringLiteral("Unwell"));
    QCOMPARE(m_cli->json(args({"cancel"}) << without)
                     .json.value(QStringLiteral("appointment"))
                     .toObject()
                     .value(QStringLiteral("cancelReason"))
                     .toString(),
             QString());
    QCOMPARE(m_cli->json(args({"status"}) << byStatus << QStringLiteral("cancelled"))
                     .json.value(QStringLiteral("appointment"))
                     .toObject()
                     .value(QStringLiteral("cancelReason"))
                     .toString(),
             QString());

    // The reason is kept: listed in JSON and in text.
    const CliResult listed = m_cli->json(args({"list", "--from", "2026-12-01"}));
    QStringList reasons;
    for (const QJsonValue &value : listed.json.value(QStringLiteral("appointments")).toArray())
        reasons.append(value.toObject().value(QStringLiteral("cancelReason")).toString());
    QCOMPARE(reasons, (QStringList{QStringLiteral("Unwell"), QString(), QString()}));
    const CliResult text = m_cli->text(args({"list", "--from", "2026-12-01"}));
    QVERIFY2(text.out.contains("[cancelled]  reason: Unwell"), text.describe());

    // A visit already cancelled cannot be cancelled again, with or without a reason.
    const QByteArray before = m_cli->exportStore();
    const CliResult again =
            m_cli->json(args({"cancel"}) << withReason << args({"--reason", "Twice"}));
    QCOMPARE(again.exitCode, 3);
    QCOMPARE(m_cli->exportStore(), before);
}

void TestCliBooking::patchTestWarnsButBooks_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("patchTest"); // Bob's, or none
    QTest::addColumn<QString>("warning");   // empty: none
    const QString colour = QStringLiteral("Colour");
    QTest::addRow("a cut needs none") << "Cut & Finish"
                                      << "none" << QString();
    QTest::addRow("no test on record")
            << colour << "none"
            << "Bob Stone has no patch test on record; Colour needs one taken at least 48 hours "
               "before.";
    QTest::addRow("two days before") << colour << "2026-11-29" << QString();
    QTest::addRow("the day before")
            << colour << "2026-11-30"
            << "Bob Stone's patch test of 2026-11-30 was taken less than 48 hours before; Colour "
               "needs one taken at least 48 hours before.";
    QTest::addRow("seven months before")
            << colour << "2026-05-01"
            << "Bob Stone's patch test of 2026-05-01 is older than 183 days; Colour needs one "
               "taken at most 183 days before.";
}

void TestCliBooking::patchTestWarnsButBooks()
{
    QFETCH(QString, service);
    QFETCH(QString, patchTest);
    QFETCH(QString, warning);
    QCOMPARE(
            m_cli->json(args({"services", "edit", "Colour", "--needs-patch-test", "yes"})).exitCode,
            0);
    QCOMPARE(m_cli->json(args({"clients", "edit", "Bob", "--patch-test"}) << patchTest).exitCode,
             0);

    const QStringList visit =
            args({"--staff", "Mia", "--client", "Bob", "--start", "2026-12-01T10:00", "--service"})
            << service;
    const CliResult booked = book(visit);
    QVERIFY2(booked.exitCode == 0, booked.describe());
    QCOMPARE(booked.json.value(QStringLiteral("appointments")).toArray().size(), 1);
    const QJsonArray warnings = booked.json.value(QStringLiteral("warnings")).toArray();
    QVERIFY2(booked.json.value(QStringLiteral("warnings")).isArray(), booked.describe());
    if (warning.isEmpty()) {
        QVERIFY2(warnings.isEmpty(), booked.describe());
        QVERIFY2(booked.err.isEmpty(), booked.describe());
        return;
    }
    QCOMPARE(warnings.size(), 1);
    QCOMPARE(warnings.first().toString(), warning);
    QCOMPARE(booked.errorText(), QStringLiteral("chairside-cli: warning: ") + warning + u'\n');

    // In text the warning is on stderr and the booking on stdout.
    const CliResult text = m_cli->text(args({"book"}) << visit << QStringLiteral("--overbook"));
    QVERIFY2(text.exitCode == 0, text.describe());
    QVERIFY2(text.out.startsWith("Booked:"), text.describe());
    QCOMPARE(text.errorText(), QStringLiteral("chairside-cli: warning: ") + warning + u'\n');
}

// Each visit of a standing appointment is checked: a test valid for the
// first visit runs out before the second.
void TestCliBooking::patchTestRunningOutDuringASeries()
{
    QCOMPARE(
            m_cli->json(args({"services", "edit", "Colour", "--needs-patch-test", "yes"})).exitCode,
            0);
    QCOMPARE(m_cli->json(args({"clients", "edit", "Bob", "--patch-test", "2026-06-03"})).exitCode,
             0);
    const CliResult booked =
            book(args({"--staff", "Mia", "--service", "Colour", "--client", "Bob", "--start",
                       "2026-12-01T10:00", "--repeat", "FREQ=WEEKLY;COUNT=3"}));
    QVERIFY2(booked.exitCode == 0, booked.describe());
    QCOMPARE(booked.json.value(QStringLiteral("appointments")).toArray().size(), 3);
    QCOMPARE(booked.json.value(QStringLiteral("warnings")).toArray(),
             (QJsonArray{QStringLiteral(
                     "2 visits from 2026-12-08: Bob Stone's patch test of 2026-06-03 is older than "
                     "183 days; Colour needs one taken at most 183 days before.")}));
}

QTEST_GUILESS_MAIN(TestCliBooking)
#include "tst_clibooking.moc"
