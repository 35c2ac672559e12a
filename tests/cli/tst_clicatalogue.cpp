// The salon's set-up through the CLI: salons, staff, services, resources,
// clients, shifts and the waitlist — list, add, edit, remove, in JSON.

#include "clirunner.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace chairside::testsupport;

class TestCliCatalogue : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void salons();
    void staff();
    void services();
    void resources();
    void clients();
    void shifts();
    void waitlist();
    void severalSalonsNeedSalonOption();

private:
    static QJsonArray list(const CliResult &result, const char *key)
    {
        return result.json.value(QLatin1String(key)).toArray();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CliRunner> m_cli;
};

void TestCliCatalogue::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_cli = std::make_unique<CliRunner>(m_dir->path());
    // The bookings below are on 2026-12-01 and must stay upcoming.
    m_cli->setNow(QDateTime(QDate(2026, 12, 1), QTime(8, 0), QTimeZone::utc()));
    const QString failure = m_cli->setUpSalon();
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

void TestCliCatalogue::salons()
{
    const CliResult listed = m_cli->json(args({"salons", "list"}));
    QCOMPARE(list(listed, "salons").size(), 1);
    const QJsonObject salon = list(listed, "salons").first().toObject();
    QCOMPARE(salon.value(QStringLiteral("timeZone")).toString(), QStringLiteral("Europe/London"));
    QCOMPARE(salon.value(QStringLiteral("openingHours"))
                     .toObject()
                     .value(QStringLiteral("mon"))
                     .toString(),
             QStringLiteral("09:00-18:00"));
    QVERIFY(salon.value(QStringLiteral("openingHours"))
                    .toObject()
                    .value(QStringLiteral("sun"))
                    .isNull());

    const CliResult edited = m_cli->json(
            args({"salons", "edit", "--name", "Renamed", "--hours", "sun=10:00-16:00"}));
    QVERIFY2(edited.exitCode == 0, edited.describe());
    const QJsonObject after = edited.json.value(QStringLiteral("salon")).toObject();
    QCOMPARE(after.value(QStringLiteral("name")).toString(), QStringLiteral("Renamed"));
    QCOMPARE(after.value(QStringLiteral("openingHours"))
                     .toObject()
                     .value(QStringLiteral("sun"))
                     .toString(),
             QStringLiteral("10:00-16:00"));
    // A new salon's patch-test window, then one of its own.
    QCOMPARE(after.value(QStringLiteral("patchTestMinHours")).toInt(), 48);
    QCOMPARE(after.value(QStringLiteral("patchTestMaxDays")).toInt(), 183);
    const CliResult window = m_cli->json(args(
            {"salons", "edit", "--patch-test-min-hours", "72", "--patch-test-max-days", "365"}));
    QVERIFY2(window.exitCode == 0, window.describe());
    const QJsonObject changed = window.json.value(QStringLiteral("salon")).toObject();
    QCOMPARE(changed.value(QStringLiteral("patchTestMinHours")).toInt(), 72);
    QCOMPARE(changed.value(QStringLiteral("patchTestMaxDays")).toInt(), 365);
    QCOMPARE(changed.value(QStringLiteral("name")).toString(), QStringLiteral("Renamed"));
    const CliResult added =
            m_cli->json(args({"salons", "add", "--name", "Second", "--time-zone", "Europe/Paris",
                              "--patch-test-min-hours", "0", "--patch-test-max-days", "1"}));
    QVERIFY2(added.exitCode == 0, added.describe());
    QCOMPARE(added.json.value(QStringLiteral("salon"))
                     .toObject()
                     .value(QStringLiteral("patchTestMinHours"))
                     .toInt(),
             0);
    QCOMPARE(added.json.value(QStringLiteral("salon"))
                     .toObject()
                     .value(QStringLiteral("patchTestMaxDays"))
                     .toInt(),
             1);
}

void TestCliCatalogue::staff()
{
    const CliResult listed = m_cli->json(args({"staff", "list"}));
    QCOMPARE(list(listed, "staff").size(), 2);

    const CliResult added = m_cli->json(args(
            {"staff", "add", "--name", "Jo Park", "--role", "front desk", "--colour", "#112233"}));
    QVERIFY2(added.exitCode == 0, added.describe());
    QCOMPARE(added.json.value(QStringLiteral("staff"))
                     .toObject()
                     .value(QStringLiteral("role"))
                     .toString(),
             QStringLiteral("front-desk"));

    const CliResult edited =
            m_cli->json(args({"staff", "edit", "Jo Park", "--role", "stylist", "--services",
                              "Cut & Finish", "--timing", "Cut & Finish=busy:60@Chair"}));
    QVERIFY2(edited.exitCode == 0, edited.describe());
    const QJsonObject jo = edited.json.value(QStringLiteral("staff")).toObject();
    QCOMPARE(jo.value(QStringLiteral("role")).toString(), QStringLiteral("stylist"));
    const QJsonObject skill = jo.value(QStringLiteral("services")).toArray().first().toObject();
    QCOMPARE(skill.value(QStringLiteral("name")).toString(), QStringLiteral("Cut & Finish"));
    QCOMPARE(skill.value(QStringLiteral("timing")).toString(), QStringLiteral("busy:60@Chair"));

    // Her own timing is what a booking uses.
    QCOMPARE(m_cli->json(args({"shifts", "add", "--staff", "Jo", "--day", "tue", "--start", "09:00",
                               "--end", "17:00"}))
                     .exitCode,
             0);
    const CliResult booked = m_cli->json(args({"book", "--staff", "Jo", "--service", "Cut & Finish",
                                               "--client", "Bob", "--start", "2026-12-01T10:00"}));
    QVERIFY2(booked.exitCode == 0, booked.describe());
    QCOMPARE(
            list(booked, "appointments").first().toObject().value(QStringLiteral("end")).toString(),
            QStringLiteral("2026-12-01T11:00:00+00:00"));
    // Someone who does not do a service cannot be booked for it.
    const CliResult missingSkill =
            m_cli->json(args({"book", "--staff", "Jo", "--service", "Colour", "--client", "Bob",
                              "--start", "2026-12-01T14:00"}));
    QCOMPARE(missingSkill.exitCode, 3);

    // Someone with upcoming appointments cannot be removed, only made inactive.
    const CliResult refused = m_cli->json(args({"staff", "remove", "Jo"}));
    QCOMPARE(refused.exitCode, 3);
    QVERIFY(m_cli->json(args({"staff", "edit", "Jo", "--active", "no"}))
                    .json.value(QStringLiteral("staff"))
                    .toObject()
                    .value(QStringLiteral("active"))
            == QJsonValue(false));
    QCOMPARE(m_cli->json(args({"staff", "add", "--name", "Temp"})).exitCode, 0);
    const CliResult removed = m_cli->json(args({"staff", "remove", "Temp"}));
    QVERIFY2(removed.exitCode == 0, removed.describe());
    QCOMPARE(list(m_cli->json(args({"staff", "list"})), "staff").size(), 3);
}

void TestCliCatalogue::services()
{
    const CliResult listed = m_cli->json(args({"services", "list"}));
    QCOMPARE(list(listed, "services").size(), 3);
    QJsonObject colour;
    for (const QJsonValue &value : list(listed, "services")) {
        if (value.toObject().value(QStringLiteral("name")).toString() == QLatin1String("Colour"))
            colour = value.toObject();
    }
    QCOMPARE(colour.value(QStringLiteral("priceCents")).toInt(), 8550);
    QCOMPARE(colour.value(QStringLiteral("durationMinutes")).toInt(), 95);
    QCOMPARE(colour.value(QStringLiteral("bufferMinutes")).toInt(), 10);
    const QJsonArray segments = colour.value(QStringLiteral("segments")).toArray();
    QCOMPARE(segments.size(), 3);
    QCOMPARE(segments.at(1).toObject().value(QStringLiteral("kind")).toString(),
             QStringLiteral("processing"));
    QCOMPARE(segments.at(2)
                     .toObject()
                     .value(QStringLiteral("resources"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
             QStringLiteral("Basin"));

    const CliResult edited = m_cli->json(args(
            {"services", "edit", "Colour", "--buffer", "15", "--price", "90", "--active", "no"}));
    QVERIFY2(edited.exitCode == 0, edited.describe());
    QCOMPARE(edited.json.value(QStringLiteral("service"))
                     .toObject()
                     .value(QStringLiteral("bufferMinutes"))
                     .toInt(),
             15);
    QCOMPARE(edited.json.value(QStringLiteral("service"))
                     .toObject()
                     .value(QStringLiteral("active"))
                     .toBool(),
             false);
    // A new service offers no rebook and needs no patch test until told.
    QCOMPARE(colour.value(QStringLiteral("rebookWeeks")).toInt(), 0);
    QCOMPARE(colour.value(QStringLiteral("needsPatchTest")).toBool(), false);
    const CliResult frontDesk = m_cli->json(args(
            {"services", "edit", "Colour", "--rebook-weeks", "6", "--needs-patch-test", "yes"}));
    QVERIFY2(frontDesk.exitCode == 0, frontDesk.describe());
    const QJsonObject marked = frontDesk.json.value(QStringLiteral("service")).toObject();
    QCOMPARE(marked.value(QStringLiteral("rebookWeeks")).toInt(), 6);
    QCOMPARE(marked.value(QStringLiteral("needsPatchTest")).toBool(), true);
    QCOMPARE(marked.value(QStringLiteral("bufferMinutes")).toInt(), 15); // the rest stays
    const CliResult toner = m_cli->json(
            args({"services", "add", "--name", "Toner", "--segments", "busy:10,processing:20",
                  "--rebook-weeks", "52", "--needs-patch-test", "no"}));
    QVERIFY2(toner.exitCode == 0, toner.describe());
    QCOMPARE(toner.json.value(QStringLiteral("service"))
                     .toObject()
                     .value(QStringLiteral("rebookWeeks"))
                     .toInt(),
             52);
    const CliResult unmarked = m_cli->json(
            args({"services", "edit", "Toner", "--rebook-weeks", "0", "--needs-patch-test", "NO"}));
    QVERIFY2(unmarked.exitCode == 0, unmarked.describe());
    QCOMPARE(unmarked.json.value(QStringLiteral("service"))
                     .toObject()
                     .value(QStringLiteral("rebookWeeks"))
                     .toInt(),
             0);
    QCOMPARE(m_cli->json(args({"services", "remove", "Toner"})).exitCode, 0);
    QCOMPARE(m_cli->json(args({"services", "remove", "Fringe Trim"})).exitCode, 0);
    QCOMPARE(list(m_cli->json(args({"services", "list"})), "services").size(), 2);
}

void TestCliCatalogue::resources()
{
    const CliResult added =
            m_cli->json(args({"resources", "add", "--name", "Treatment Room", "--kind", "room"}));
    QVERIFY2(added.exitCode == 0, added.describe());
    QCOMPARE(added.json.value(QStringLiteral("resource"))
                     .toObject()
                     .value(QStringLiteral("count"))
                     .toInt(),
             1);
    QCOMPARE(m_cli->json(args({"resources", "edit", "Treatment", "--count", "2"}))
                     .json.value(QStringLiteral("resource"))
                     .toObject()
                     .value(QStringLiteral("count"))
                     .toInt(),
             2);
    // The basin is used by Colour.
    const CliResult refused = m_cli->json(args({"resources", "remove", "Basin"}));
    QCOMPARE(refused.exitCode, 3);
    QVERIFY(refused.errorText().contains(QLatin1String("Colour")));
    QCOMPARE(m_cli->json(args({"resources", "remove", "Treatment Room"})).exitCode, 0);
    QCOMPARE(list(m_cli->json(args({"resources", "list"})), "resources").size(), 2);
}

void TestCliCatalogue::clients()
{
    QCOMPARE(list(m_cli->json(args({"clients", "list"})), "clients").size(), 3);
    const CliResult byPhone = m_cli->json(args({"clients", "list", "--search", "900003"}));
    QCOMPARE(list(byPhone, "clients").size(), 1);
    QCOMPARE(list(byPhone, "clients").first().toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("Bob Stone"));

    const CliResult edited =
            m_cli->json(args({"clients", "edit", "Bob", "--patch-test", "2026-11-30", "--consent",
                              "email,sms", "--notes", "Allergic to ammonia"}));
    QVERIFY2(edited.exitCode == 0, edited.describe());
    const QJsonObject bob = edited.json.value(QStringLiteral("client")).toObject();
    QCOMPARE(bob.value(QStringLiteral("patchTestDate")).toString(), QStringLiteral("2026-11-30"));
    QCOMPARE(
            bob.value(QStringLiteral("consent")).toObject().value(QStringLiteral("email")).toBool(),
            true);
    QCOMPARE(bob.value(QStringLiteral("consent"))
                     .toObject()
                     .value(QStringLiteral("photos"))
                     .toBool(),
             false);
    QCOMPARE(bob.value(QStringLiteral("notes")).toString(), QStringLiteral("Allergic to ammonia"));

    QCOMPARE(m_cli->json(args({"clients", "remove", "Ann Lee"})).exitCode, 3); // which one?
    QCOMPARE(m_cli->json(args({"clients", "remove", "07700 900002"})).exitCode, 0);
    QCOMPARE(list(m_cli->json(args({"clients", "list", "--search", "ann"})), "clients").size(), 1);
}

void TestCliCatalogue::shifts()
{
    const CliResult listed = m_cli->json(args(
            {"shifts", "list", "--staff", "Mia", "--from", "2026-12-01", "--to", "2026-12-31"}));
    QVERIFY2(listed.exitCode == 0, listed.describe());
    QCOMPARE(list(listed, "shifts").size(), 6);
    const QJsonObject monday = list(listed, "shifts").first().toObject();
    QCOMPARE(monday.value(QStringLiteral("breaks"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("start"))
                     .toString(),
             QStringLiteral("13:00"));

    // A day off on a Tuesday: no slots for Mia, and a booking is refused.
    const CliResult off = m_cli->json(args({"shifts", "exception", "--staff", "Mia", "--date",
                                            "2026-12-08", "--off", "--reason", "Dentist"}));
    QVERIFY2(off.exitCode == 0, off.describe());
    QCOMPARE(list(m_cli->json(args({"slots", "--service", "Fringe Trim", "--staff", "Mia", "--from",
                                    "2026-12-08"})),
                  "slots")
                     .size(),
             0);
    // Different hours on another date.
    QCOMPARE(m_cli->json(args({"shifts", "exception", "--staff", "Mia", "--date", "2026-12-09",
                               "--start", "12:00", "--end", "14:00"}))
                     .exitCode,
             0);
    const QJsonArray short_ =
            list(m_cli->json(args({"slots", "--service", "Fringe Trim", "--staff", "Mia", "--from",
                                   "2026-12-09", "--step", "60"})),
                 "slots");
    QCOMPARE(short_.size(), 2);
    QCOMPARE(short_.first().toObject().value(QStringLiteral("start")).toString(),
             QStringLiteral("2026-12-09T12:00:00+00:00"));

    // A rota every two weeks, past midnight.
    const CliResult late =
            m_cli->json(args({"shifts", "add", "--staff", "Tom", "--day", "sun", "--start", "20:00",
                              "--end", "26:00", "--every", "2", "--anchor", "2026-12-06"}));
    QVERIFY2(late.exitCode == 0, late.describe());
    const QJsonObject rota = list(late, "shifts").first().toObject();
    QCOMPARE(rota.value(QStringLiteral("end")).toString(), QStringLiteral("26:00"));
    QCOMPARE(rota.value(QStringLiteral("everyWeeks")).toInt(), 2);
    const QString id = rota.value(QStringLiteral("id")).toString();
    QCOMPARE(m_cli->json(args({"shifts", "edit"}) << id << args({"--end", "23:00"}))
                     .json.value(QStringLiteral("shift"))
                     .toObject()
                     .value(QStringLiteral("end"))
                     .toString(),
             QStringLiteral("23:00"));

    const CliResult all =
            m_cli->json(args({"shifts", "list", "--from", "2026-12-01", "--to", "2026-12-31"}));
    QCOMPARE(list(all, "exceptions").size(), 2);
    const QString exceptionId =
            list(all, "exceptions").first().toObject().value(QStringLiteral("id")).toString();
    QCOMPARE(m_cli->json(args({"shifts", "remove"}) << exceptionId).exitCode, 0);
    QCOMPARE(m_cli->json(args({"shifts", "remove"}) << id).exitCode, 0);
    QCOMPARE(m_cli->json(args({"shifts", "remove", "nonsense"})).exitCode, 3);
    const CliResult after =
            m_cli->json(args({"shifts", "list", "--from", "2026-12-01", "--to", "2026-12-31"}));
    QCOMPARE(list(after, "exceptions").size(), 1);
    QCOMPARE(list(after, "shifts").size(), 12);
}

void TestCliCatalogue::waitlist()
{
    const CliResult added = m_cli->json(
            args({"waitlist", "add", "--client", "Bob", "--service", "Colour", "--staff", "Mia",
                  "--from", "2026-12-01", "--to", "2026-12-14", "--notes", "Mornings"}));
    QVERIFY2(added.exitCode == 0, added.describe());
    const QJsonObject entry = added.json.value(QStringLiteral("entry")).toObject();
    QCOMPARE(entry.value(QStringLiteral("client"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
             QStringLiteral("Bob Stone"));
    QCOMPARE(entry.value(QStringLiteral("latest")).toString(), QStringLiteral("2026-12-14"));
    QCOMPARE(list(m_cli->json(args({"waitlist", "list"})), "waitlist").size(), 1);
    QCOMPARE(m_cli->json(args({"waitlist", "add", "--client", "Bob", "--service", "Colour",
                               "--from", "2026-12-14", "--to", "2026-12-01"}))
                     .exitCode,
             3);
    QCOMPARE(m_cli->json(args({"waitlist", "remove"})
                         << entry.value(QStringLiteral("id")).toString())
                     .exitCode,
             0);
    QCOMPARE(list(m_cli->json(args({"waitlist", "list"})), "waitlist").size(), 0);
}

void TestCliCatalogue::severalSalonsNeedSalonOption()
{
    QCOMPARE(m_cli->json(args({"salons", "add", "--name", "Second Salon", "--time-zone",
                               "Europe/Berlin"}))
                     .exitCode,
             0);
    const CliResult which = m_cli->json(args({"staff", "list"}));
    QCOMPARE(which.exitCode, 2);
    QVERIFY(which.errorText().contains(QLatin1String("--salon")));
    QCOMPARE(list(m_cli->json(args({"--salon", "Test Salon", "staff", "list"})), "staff").size(),
             2);
    QCOMPARE(list(m_cli->json(args({"staff", "list", "--salon", "second salon"})), "staff").size(),
             0);

    // Times come out in the salon's own zone.
    QCOMPARE(m_cli->json(args({"--salon", "Second Salon", "staff", "add", "--name", "Lena"}))
                     .exitCode,
             0);
    QCOMPARE(m_cli->json(args({"--salon", "Second Salon", "services", "add", "--name", "Schnitt",
                               "--segments", "busy:30"}))
                     .exitCode,
             0);
    QCOMPARE(m_cli->json(args({"--salon", "Second Salon", "staff", "edit", "Lena", "--services",
                               "Schnitt"}))
                     .exitCode,
             0);
    QCOMPARE(m_cli->json(args({"--salon", "Second Salon", "shifts", "add", "--staff", "Lena",
                               "--day", "tue", "--start", "09:00", "--end", "17:00"}))
                     .exitCode,
             0);
    const CliResult offered =
            m_cli->json(args({"--salon", "Second Salon", "slots", "--service", "Schnitt", "--from",
                              "2026-12-01", "--limit", "1"}));
    QVERIFY2(offered.exitCode == 0, offered.describe());
    QCOMPARE(list(offered, "slots").first().toObject().value(QStringLiteral("start")).toString(),
             QStringLiteral("2026-12-01T09:00:00+01:00"));
}

QTEST_GUILESS_MAIN(TestCliCatalogue)
#include "tst_clicatalogue.moc"
