#include "testsupport.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

const qint64 tuesday10 = 1796119200; // 2026-12-01T10:00:00Z

// Text that has tripped up storage layers: astral characters, joiners,
// combining marks, right-to-left, quotes, SQL, JSON and control characters.
QString oddText()
{
    return QStringLiteral(
                   "Zoë 👩🏽‍🦰 née Ångström — \"quoted\" 'single' ; DROP TABLE "
                   "clients; -- ")
            + QChar(0x202E) + QStringLiteral("مرحبا") + QChar(0x202C)
            + QStringLiteral(" e\u0301 ﬁ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \\ {\"a\":[1]} \t\r\n tab") + QChar(0x0001)
            + QChar(0xFEFF) + QStringLiteral("中文 한국어");
}

// Every kind of row, with every field set away from its default.
StoreContents everything()
{
    TestData data = TestData::small();
    data.salon.name = oddText();
    data.salon.openingHours[6] = {10 * 60, 16 * 60};
    data.salon.patchTestMinHours = 24;
    data.salon.patchTestMaxDays = 365;
    data.staff[0].role = StaffRole::Owner;
    data.staff[0].skills[1].segmentsOverride = {
            segment(SegmentKind::Busy, 25),
            segment(SegmentKind::Processing, 40, {data.resources[0].id})};
    data.staff[1].active = false;
    data.services[2].active = false;
    data.services[1].rebookWeeks = 6;
    data.services[1].needsPatchTest = true;
    Client &ann = data.clients[0];
    ann.email = QStringLiteral("ann@example.org");
    ann.notes = oddText();
    ann.patchTestDate = QDate(2026, 11, 20);
    ann.noShowCount = 2;
    ann.consentSms = ann.consentEmail = ann.consentPhotos = true;

    StoreContents c = data.contents();
    Shift shift;
    shift.id = QStringLiteral("shift-1");
    shift.staffId = data.staff[0].id;
    shift.weekday = 6;
    shift.startMinute = 22 * 60;
    shift.endMinute = 30 * 60; // past midnight
    shift.breaks = {{23 * 60, 23 * 60 + 30}, {27 * 60, 27 * 60 + 10}};
    shift.everyWeeks = 2;
    shift.anchorDate = QDate(2026, 12, 5);
    shift.validFrom = QDate(2026, 12, 1);
    shift.validUntil = QDate(2027, 3, 31);
    c.shifts = {shift};
    c.shiftExceptions = {{QStringLiteral("ex-1"),
                          data.staff[1].id,
                          QDate(2026, 12, 24),
                          true,
                          9 * 60,
                          13 * 60,
                          {{11 * 60, 11 * 60 + 15}},
                          QStringLiteral("Christmas Eve")}};
    c.timeOff = {{QStringLiteral("off-1"), data.staff[2].id, tuesday10, tuesday10 + 14 * 86400,
                  oddText()}};
    c.standingAppointments = {{QStringLiteral("series-1"), data.salon.id, ann.id,
                               QStringLiteral("FREQ=WEEKLY;INTERVAL=6;COUNT=8"), tuesday10}};
    Appointment visit =
            data.appointment(QStringLiteral("appt-1"), tuesday10, {{0, 1}, {1, 0}, {2, 2}});
    visit.status = AppointmentStatus::Confirmed;
    visit.walkIn = true;
    visit.notes = oddText();
    visit.depositCents = 1500;
    visit.overbooked = true;
    visit.overbookReason = QStringLiteral("Mia is on her break 13:00–13:30");
    visit.seriesId = QStringLiteral("series-1");
    visit.changedBy = QStringLiteral("front desk");
    visit.changedAt = tuesday10 - 3600;
    visit.lines[0].segments[1].resourceIds = {data.resources[0].id, QStringLiteral("chair \"3\"")};
    Appointment walkIn = data.appointment(QStringLiteral("appt-2"), tuesday10 + 86400, {{2, 0}});
    walkIn.clientId.clear();
    walkIn.status = AppointmentStatus::NoShow;
    Appointment cancelled =
            data.appointment(QStringLiteral("appt-3"), tuesday10 + 2 * 86400, {{0, 0}});
    cancelled.status = AppointmentStatus::Cancelled;
    cancelled.cancelReason = oddText();
    c.appointments = {visit, walkIn, cancelled};
    WaitlistEntry wait;
    wait.id = QStringLiteral("wait-1");
    wait.salonId = data.salon.id;
    wait.clientId = data.clients[1].id;
    wait.serviceIds = {data.services[0].id, data.services[1].id};
    wait.staffId = data.staff[0].id;
    wait.earliest = QDate(2026, 12, 1);
    wait.latest = QDate(2026, 12, 20);
    wait.notes = oddText();
    wait.createdAt = tuesday10 - 7 * 86400;
    c.waitlist = {wait};
    return c;
}

QStringList names(const char *spaced)
{
    return QString::fromLatin1(spaced).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace

class TestStoreRoundTrip : public QObject
{
    Q_OBJECT

private slots:
    void everyRowSavedOneByOneReadsBack()
    {
        TempStore temp;
        const StoreContents c = everything();
        Store &s = temp.store();
        QVERIFY(s.save(c.salons[0]).ok());
        for (const Resource &r : c.resources)
            QVERIFY(s.save(r).ok());
        for (const Service &x : c.services)
            QVERIFY(s.save(x).ok());
        for (const Staff &x : c.staff)
            QVERIFY(s.save(x).ok());
        for (const Client &x : c.clients)
            QVERIFY(s.save(x).ok());
        QVERIFY(s.save(c.shifts[0]).ok());
        QVERIFY(s.save(c.shiftExceptions[0]).ok());
        QVERIFY(s.save(c.timeOff[0]).ok());
        QVERIFY(s.save(c.standingAppointments[0]).ok());
        for (const Appointment &x : c.appointments)
            QVERIFY(s.save(x).ok());
        QVERIFY(s.save(c.waitlist[0]).ok());

        const QString salonId = c.salons[0].id;
        QCOMPARE(VALUE_OF(s.salons()), c.salons);
        QCOMPARE(VALUE_OF(s.salon(salonId)), c.salons[0]);
        QVERIFY(!VALUE_OF(s.salon(QStringLiteral("nope"))));
        QCOMPARE(VALUE_OF(s.staff(salonId)).size(), c.staff.size());
        for (const Staff &x : c.staff)
            QVERIFY(VALUE_OF(s.staff(salonId)).contains(x));
        for (const Service &x : c.services)
            QVERIFY(VALUE_OF(s.services(salonId)).contains(x));
        QCOMPARE(VALUE_OF(s.resources(salonId)), c.resources);
        QCOMPARE(VALUE_OF(s.client(c.clients[0].id)), c.clients[0]);
        QCOMPARE(VALUE_OF(s.shifts(salonId)), c.shifts);
        QCOMPARE(VALUE_OF(s.shiftExceptions(salonId, QDate(2026, 12, 24), QDate(2026, 12, 24))),
                 c.shiftExceptions);
        QCOMPARE(VALUE_OF(s.shiftExceptions(salonId, QDate(2026, 12, 25), QDate(2026, 12, 31))),
                 {});
        QCOMPARE(VALUE_OF(s.timeOff(salonId, tuesday10 + 86400, tuesday10 + 2 * 86400)), c.timeOff);
        QCOMPARE(VALUE_OF(s.timeOff(salonId, tuesday10 + 14 * 86400, tuesday10 + 15 * 86400)), {});
        QCOMPARE(VALUE_OF(s.standingAppointments(salonId)), c.standingAppointments);
        QCOMPARE(VALUE_OF(s.appointment(QStringLiteral("appt-1"))), c.appointments[0]);
        QCOMPARE(VALUE_OF(s.appointment(QStringLiteral("appt-2"))), c.appointments[1]);
        QCOMPARE(VALUE_OF(s.appointment(QStringLiteral("appt-3"))), c.appointments[2]);
        QCOMPARE(VALUE_OF(s.waitlist(salonId)), c.waitlist);
        QVERIFY(VALUE_OF(s.staff(QStringLiteral("other"))).isEmpty());
    }

    void contentsSurviveReplaceAll()
    {
        TempStore first;
        const StoreContents c = everything();
        QVERIFY(first->insertAll(c, false).ok());
        const StoreContents exported = VALUE_OF(first->contents());
        QCOMPARE(exported.appointments.size(), 3);

        TempStore second;
        QVERIFY(second->save(TestData::small(QStringLiteral("old-salon")).salon).ok());
        const Result<void> replaced = second->replaceAll(exported, true);
        QVERIFY2(replaced.ok(), replaced.ok() ? "" : qPrintable(replaced.error().message));
        QVERIFY2(contentsDifference(exported, VALUE_OF(second->contents())).isEmpty(),
                 qPrintable(contentsDifference(exported, VALUE_OF(second->contents()))));
        QVERIFY(!VALUE_OF(second->salon(QStringLiteral("old-salon"))));
        QVERIFY(second.reopen());
        QVERIFY(contentsDifference(exported, VALUE_OF(second->contents())).isEmpty());
        // and once more: replacing with the same contents changes nothing
        QVERIFY(second->replaceAll(VALUE_OF(second->contents()), false).ok());
        QVERIFY(contentsDifference(exported, VALUE_OF(second->contents())).isEmpty());
    }

    void enormousText_data()
    {
        QTest::addColumn<int>("length");
        QTest::addColumn<bool>("accepted");
        QTest::addRow("100 000 characters") << 100000 << true;
        QTest::addRow("at the limit") << int(Store::maxTextLength) << true;
        QTest::addRow("one over the limit") << int(Store::maxTextLength) + 1 << false;
    }

    void enormousText()
    {
        QFETCH(int, length);
        QFETCH(bool, accepted);
        TempStore temp;
        TestData data = TestData::small();
        QVERIFY(data.saveTo(temp.store()));
        // Astral characters count two, so the text is exactly `length` units.
        QString notes;
        notes.reserve(length);
        while (notes.size() + 2 <= length)
            notes += QStringLiteral("😀");
        while (notes.size() < length)
            notes += QLatin1Char('n');
        Client ann = data.clients[0];
        ann.notes = notes;
        Appointment visit = data.appointment(QStringLiteral("v"), tuesday10, {{0, 0}});
        visit.notes = notes;
        const Result<void> clientSaved = temp->save(ann);
        const Result<void> visitSaved = temp->save(visit);
        QCOMPARE(clientSaved.ok(), accepted);
        QCOMPARE(visitSaved.ok(), accepted);
        if (accepted) {
            QCOMPARE(VALUE_OF(temp->client(ann.id))->notes, notes);
            QCOMPARE(VALUE_OF(temp->appointment(visit.id))->notes, notes);
        } else {
            QCOMPARE(clientSaved.error().code, Error::Code::Invalid);
            QVERIFY(visitSaved.error().message.contains(QString::number(Store::maxTextLength)));
            QCOMPARE(VALUE_OF(temp->client(ann.id))->notes, QString());
            QVERIFY(!VALUE_OF(temp->appointment(visit.id)));
        }
    }

    // The front desk's fields (issue 8) are saved only within their ranges.
    void frontDeskRanges_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<int>("value");
        QTest::addColumn<bool>("accepted");
        QTest::addRow("rebook in -1 weeks") << "rebookWeeks" << -1 << false;
        QTest::addRow("no rebook") << "rebookWeeks" << 0 << true;
        QTest::addRow("rebook in 52 weeks") << "rebookWeeks" << 52 << true;
        QTest::addRow("rebook in 53 weeks") << "rebookWeeks" << 53 << false;
        QTest::addRow("patch test -1 hours before") << "patchTestMinHours" << -1 << false;
        QTest::addRow("patch test any time before") << "patchTestMinHours" << 0 << true;
        QTest::addRow("patch test 720 hours before") << "patchTestMinHours" << 720 << true;
        QTest::addRow("patch test 721 hours before") << "patchTestMinHours" << 721 << false;
        QTest::addRow("patch test valid 0 days") << "patchTestMaxDays" << 0 << false;
        QTest::addRow("patch test valid 1 day") << "patchTestMaxDays" << 1 << true;
        QTest::addRow("patch test valid 3650 days") << "patchTestMaxDays" << 3650 << true;
        QTest::addRow("patch test valid 3651 days") << "patchTestMaxDays" << 3651 << false;
    }

    void frontDeskRanges()
    {
        QFETCH(QString, field);
        QFETCH(int, value);
        QFETCH(bool, accepted);
        TempStore temp;
        TestData data = TestData::small();
        QVERIFY(data.saveTo(temp.store()));
        Salon salon = data.salon;
        Service service = data.services[0];
        Result<void> saved;
        if (field == QLatin1String("rebookWeeks")) {
            service.rebookWeeks = value;
            saved = temp->save(service);
        } else {
            (field == QLatin1String("patchTestMinHours") ? salon.patchTestMinHours
                                                         : salon.patchTestMaxDays) = value;
            saved = temp->save(salon);
        }
        QCOMPARE(saved.ok(), accepted);
        if (accepted) {
            QCOMPARE(VALUE_OF(temp->salon(salon.id)), salon);
            QVERIFY(VALUE_OF(temp->services(salon.id)).contains(service));
        } else {
            QCOMPARE(saved.error().code, Error::Code::Invalid);
            QCOMPARE(VALUE_OF(temp->salon(salon.id)), data.salon);
            QVERIFY(VALUE_OF(temp->services(salon.id)).contains(data.services[0]));
        }
    }

    // A reason is kept only for a cancelled visit.
    void cancelReasonOnlyWhenCancelled()
    {
        TempStore temp;
        TestData data = TestData::small();
        QVERIFY(data.saveTo(temp.store()));
        Appointment visit = data.appointment(QStringLiteral("v"), tuesday10, {{0, 0}});
        visit.cancelReason = QStringLiteral("Flu");
        const Result<void> booked = temp->save(visit);
        QVERIFY(!booked.ok());
        QVERIFY2(booked.error().message.contains(QLatin1String("not cancelled")),
                 qPrintable(booked.error().message));
        QVERIFY(!VALUE_OF(temp->appointment(visit.id)));
        visit.status = AppointmentStatus::Cancelled;
        QVERIFY(temp->save(visit).ok());
        QCOMPARE(VALUE_OF(temp->appointment(visit.id))->cancelReason, QStringLiteral("Flu"));
    }

    void emptyAndNullTextAreTheSame()
    {
        TempStore temp;
        TestData data = TestData::small();
        QVERIFY(data.saveTo(temp.store()));
        Client bare;
        bare.id = QStringLiteral("bare");
        bare.salonId = data.salon.id;
        bare.name = QStringLiteral("Bare"); // the one text a client must have
        QVERIFY(temp->save(bare).ok());
        QCOMPARE(VALUE_OF(temp->client(bare.id)), bare);
        QVERIFY(!VALUE_OF(temp->client(bare.id))->patchTestDate.isValid());
    }

    void dayRange_data()
    {
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::addColumn<QString>("staffId");
        QTest::addColumn<QStringList>("expected");
        // early: 09:00-09:45 Mia; colour: 10:00-11:35 Mia; late: 23:30-00:15 Tom (across midnight);
        // marathon: a 10-hour visit from 06:00 the day before, Ava.
        const qint64 day = tuesday10 - 10 * 3600; // 2026-12-01T00:00:00Z
        QTest::addRow("the whole day")
                << day << day + 86400 << QString() << names("early colour late");
        QTest::addRow("a stylist's day")
                << day << day + 86400 << QStringLiteral("staff-1") << names("early colour");
        QTest::addRow("a range ending where a visit starts")
                << day << day + 9 * 3600 << QString() << QStringList{};
        QTest::addRow("a range starting where a visit ends")
                << day + 9 * 3600 + 45 * 60 << day + 10 * 3600 << QString() << QStringList{};
        QTest::addRow("inside the processing time")
                << day + 10 * 3600 + 40 * 60 << day + 10 * 3600 + 41 * 60 << QString()
                << names("colour");
        QTest::addRow("the next morning")
                << day + 86400 << day + 86400 + 3600 << QString() << names("late");
        QTest::addRow("a long visit begun the day before")
                << day - 86400 + 15 * 3600 << day - 86400 + 16 * 3600 << QString()
                << names("marathon");
        QTest::addRow("an unknown stylist")
                << day << day + 86400 << QStringLiteral("ghost") << QStringList{};
    }

    void dayRange()
    {
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        QFETCH(QString, staffId);
        QFETCH(QStringList, expected);
        TempStore temp;
        TestData data = TestData::small();
        QVERIFY(data.saveTo(temp.store()));
        const qint64 day = tuesday10 - 10 * 3600;
        Appointment marathon =
                data.appointment(QStringLiteral("marathon"), day - 18 * 3600, {{2, 0}});
        marathon.lines[0].segments[0].endsAt = day - 8 * 3600;
        for (const Appointment &a :
             {data.appointment(QStringLiteral("colour"), tuesday10, {{0, 1}}),
              data.appointment(QStringLiteral("early"), day + 9 * 3600, {{0, 0}}),
              data.appointment(QStringLiteral("late"), day + 23 * 3600 + 30 * 60, {{1, 0}}),
              marathon})
            QVERIFY(temp->save(a).ok());
        QStringList found;
        const QList<Appointment> appointments =
                VALUE_OF(temp->appointments(data.salon.id, from, to, staffId));
        for (const Appointment &a : appointments)
            found.append(a.id);
        QCOMPARE(found, expected);
        if (!appointments.isEmpty())
            QCOMPARE(VALUE_OF(temp->appointment(appointments.first().id)), appointments.first());
    }

    // Lines and segments leave with their visit: moving (re-saving) and
    // cancelling leave no rows behind.
    void noOrphanedParts()
    {
        TempStore temp;
        TestData data = TestData::small();
        QVERIFY(data.saveTo(temp.store()));
        Appointment visit = data.appointment(QStringLiteral("v"), tuesday10, {{0, 1}, {1, 2}});
        QVERIFY(temp->save(visit).ok());
        auto count = [&temp](const char *table) {
            QSqlDatabase db =
                    QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("counter"));
            db.setDatabaseName(temp.path());
            int n = -1;
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table)))
                    && q.next())
                    n = q.value(0).toInt();
            }
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(QStringLiteral("counter"));
            return n;
        };
        QCOMPARE(count("appointment_lines"), 2);
        QCOMPARE(count("appointment_segments"), 5);
        visit.lines.removeLast();
        QVERIFY(temp->save(visit).ok());
        QCOMPARE(count("appointment_lines"), 1);
        QCOMPARE(count("appointment_segments"), 3);
        QVERIFY(temp->remove(Entity::Appointment, visit.id).ok());
        QCOMPARE(count("appointments"), 0);
        QCOMPARE(count("appointment_lines"), 0);
        QCOMPARE(count("appointment_segments"), 0);
    }

    void removingOwnersTakesTheirRows()
    {
        // Long after every visit in it: nothing upcoming keeps anyone.
        const FixedClock later(QDateTime(QDate(2100, 1, 1), QTime(0, 0), QTimeZone::utc()));
        TempStore temp(later);
        QVERIFY(temp->insertAll(everything(), false).ok());
        const QString salonId = QStringLiteral("salon-1");
        QVERIFY(temp->remove(Entity::Staff, QStringLiteral("staff-1")).ok());
        QVERIFY(VALUE_OF(temp->shifts(salonId)).isEmpty());
        QCOMPARE(temp->remove(Entity::Staff, QStringLiteral("staff-1")).error().code,
                 Error::Code::NotFound);
        QVERIFY(temp->remove(Entity::Salon, salonId).ok());
        const StoreContents left = VALUE_OF(temp->contents());
        QVERIFY(left.salons.isEmpty() && left.staff.isEmpty() && left.appointments.isEmpty()
                && left.clients.isEmpty() && left.timeOff.isEmpty() && left.waitlist.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestStoreRoundTrip)
#include "tst_storeroundtrip.moc"
