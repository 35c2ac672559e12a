#include "domain/appointment.h"
#include "domain/client.h"
#include "domain/resource.h"
#include "domain/salon.h"
#include "domain/service.h"
#include "domain/shift.h"
#include "domain/staff.h"
#include "domain/waitlistentry.h"

#include <QJsonDocument>
#include <QTest>

using namespace chairside;

Q_DECLARE_METATYPE(chairside::Salon)
Q_DECLARE_METATYPE(chairside::Staff)
Q_DECLARE_METATYPE(chairside::Service)
Q_DECLARE_METATYPE(chairside::Resource)
Q_DECLARE_METATYPE(chairside::Client)
Q_DECLARE_METATYPE(chairside::Shift)
Q_DECLARE_METATYPE(chairside::ShiftException)
Q_DECLARE_METATYPE(chairside::TimeOff)
Q_DECLARE_METATYPE(chairside::Appointment)
Q_DECLARE_METATYPE(chairside::StandingAppointment)
Q_DECLARE_METATYPE(chairside::WaitlistEntry)

namespace {

const qint64 tuesday10 = 1796119200; // 2026-12-01T10:00:00Z

QString oddText()
{
    return QStringLiteral("Zoë 👩🏽‍🦰 \"quoted\" \\ back ") + QChar(0x202E)
            + QStringLiteral("مرحبا") + QStringLiteral(" e\u0301 \t\n 中文 ") + QChar(0x0001);
}

// Through text, as the outbox and `export` carry it.
template <typename T>
T throughJson(const T &value)
{
    const QByteArray text = QJsonDocument(value.toJson()).toJson(QJsonDocument::Compact);
    return T::fromJson(QJsonDocument::fromJson(text).object());
}

ServiceSegment seg(SegmentKind kind, int minutes, QStringList resources = {})
{
    ServiceSegment s;
    s.kind = kind;
    s.minutes = minutes;
    s.resourceIds = std::move(resources);
    return s;
}

Appointment visit(AppointmentStatus status)
{
    Appointment a;
    a.id = QStringLiteral("appt-1");
    a.salonId = QStringLiteral("salon-1");
    a.clientId = QStringLiteral("client-1");
    a.status = status;
    a.createdBy = QStringLiteral("front desk");
    a.createdAt = tuesday10 - 86400;
    ServiceLine colour{
            QStringLiteral("line-1"),
            QStringLiteral("colour"),
            QStringLiteral("mia"),
            {{SegmentKind::Busy, tuesday10, tuesday10 + 1800, {}},
             {SegmentKind::Processing, tuesday10 + 1800, tuesday10 + 3900, {}},
             {SegmentKind::Busy, tuesday10 + 3900, tuesday10 + 5700, {QStringLiteral("basin")}}}};
    ServiceLine dry{QStringLiteral("line-2"),
                    QStringLiteral("blow-dry"),
                    QStringLiteral("tom"),
                    {{SegmentKind::Busy, tuesday10 + 5700, tuesday10 + 7500, {}},
                     {SegmentKind::Buffer, tuesday10 + 7500, tuesday10 + 8100, {}}}};
    a.lines = {colour, dry};
    return a;
}

} // namespace

class TestDomainJson : public QObject
{
    Q_OBJECT

private slots:
    void salon_data()
    {
        QTest::addColumn<Salon>("value");
        QTest::addRow("empty") << Salon();
        Salon s{QStringLiteral("salon-1"), oddText(), QStringLiteral("Europe/London"), {}};
        for (int day = 1; day < 6; ++day)
            s.openingHours[size_t(day)] = {9 * 60, 18 * 60};
        QTest::addRow("Tuesday to Saturday") << s;
        for (DayHours &day : s.openingHours)
            day = {0, 24 * 60};
        s.timeZone = QStringLiteral("America/St_Johns");
        QTest::addRow("open all day every day") << s;
        s.patchTestMinHours = 0;
        s.patchTestMaxDays = 3650;
        QTest::addRow("patch test any time up to ten years before") << s;
        s.patchTestMinHours = 720;
        s.patchTestMaxDays = 1;
        QTest::addRow("patch test a month before, valid a day") << s;
    }
    void salon()
    {
        QFETCH(Salon, value);
        QCOMPARE(throughJson(value), value);
    }

    void staff_data()
    {
        QTest::addColumn<Staff>("value");
        QTest::addRow("empty") << Staff();
        for (StaffRole role :
             {StaffRole::Owner, StaffRole::Manager, StaffRole::FrontDesk, StaffRole::Stylist}) {
            Staff s;
            s.id = QStringLiteral("staff-1");
            s.salonId = QStringLiteral("salon-1");
            s.name = oddText();
            s.role = role;
            s.colour = QStringLiteral("#A1B2C3");
            s.active = role != StaffRole::Manager;
            s.skills = {{QStringLiteral("cut"), {}},
                        {QStringLiteral("colour"),
                         {seg(SegmentKind::Busy, 25), seg(SegmentKind::Processing, 40),
                          seg(SegmentKind::Busy, 20, {QStringLiteral("basin")})}}};
            QTest::addRow("%s", qPrintable(staffRoleName(role))) << s;
        }
    }
    void staff()
    {
        QFETCH(Staff, value);
        QCOMPARE(throughJson(value), value);
    }

    void service_data()
    {
        QTest::addColumn<Service>("value");
        QTest::addRow("empty") << Service();
        Service s;
        s.id = QStringLiteral("colour");
        s.salonId = QStringLiteral("salon-1");
        s.name = QStringLiteral("Colour & Gloss");
        s.category = oddText();
        s.priceCents = 5'000'000'000LL; // beyond 32 bits
        s.segments = {
                seg(SegmentKind::Busy, 30), seg(SegmentKind::Processing, 35),
                seg(SegmentKind::Busy, 30, {QStringLiteral("basin"), QStringLiteral("room")})};
        s.bufferAfterMinutes = 15;
        s.active = false;
        QTest::addRow("colour with processing, resources and buffer") << s;
        s.rebookWeeks = 6;
        s.needsPatchTest = true;
        QTest::addRow("colour needing a patch test, rebook in 6 weeks") << s;
        s.rebookWeeks = 52;
        s.needsPatchTest = false;
        QTest::addRow("rebook in a year") << s;
    }
    void service()
    {
        QFETCH(Service, value);
        QCOMPARE(throughJson(value), value);
    }

    void resource()
    {
        const Resource r{QStringLiteral("basin"), QStringLiteral("salon-1"), oddText(),
                         QStringLiteral("basin"), 3};
        QCOMPARE(throughJson(r), r);
        QCOMPARE(throughJson(Resource()), Resource());
    }

    void client_data()
    {
        QTest::addColumn<Client>("value");
        QTest::addRow("empty") << Client();
        Client c;
        c.id = QStringLiteral("client-1");
        c.salonId = QStringLiteral("salon-1");
        c.name = oddText();
        c.phone = QStringLiteral("+44 (0)20 7946-0018");
        c.email = QStringLiteral("ann@example.org");
        c.notes = QString(100000, QLatin1Char('n'));
        c.patchTestDate = QDate(2026, 11, 20);
        c.noShowCount = 3;
        c.consentSms = true;
        c.consentPhotos = true;
        QTest::addRow("everything set, enormous notes") << c;
        c.patchTestDate = QDate();
        c.consentEmail = true;
        QTest::addRow("never patch-tested") << c;
    }
    void client()
    {
        QFETCH(Client, value);
        QCOMPARE(throughJson(value), value);
    }

    void shift_data()
    {
        QTest::addColumn<Shift>("value");
        QTest::addRow("default") << Shift();
        Shift s;
        s.id = QStringLiteral("shift-1");
        s.staffId = QStringLiteral("mia");
        s.weekday = 5;
        s.startMinute = 20 * 60;
        s.endMinute = 26 * 60; // 02:00 the next morning
        s.breaks = {{22 * 60, 22 * 60 + 30}, {24 * 60 + 15, 24 * 60 + 30}};
        s.everyWeeks = 2;
        s.anchorDate = QDate(2026, 12, 4);
        s.validFrom = QDate(2026, 12, 1);
        s.validUntil = QDate(2027, 1, 31);
        QTest::addRow("fortnightly across midnight") << s;
    }
    void shift()
    {
        QFETCH(Shift, value);
        QCOMPARE(throughJson(value), value);
    }

    void shiftExceptionAndTimeOff()
    {
        const ShiftException off{QStringLiteral("ex-1"),
                                 QStringLiteral("mia"),
                                 QDate(2026, 12, 24),
                                 false,
                                 0,
                                 0,
                                 {},
                                 oddText()};
        QCOMPARE(throughJson(off), off);
        const ShiftException late{QStringLiteral("ex-2"),
                                  QStringLiteral("mia"),
                                  QDate(2026, 12, 23),
                                  true,
                                  12 * 60,
                                  21 * 60,
                                  {{16 * 60, 16 * 60 + 30}},
                                  QStringLiteral("late opening")};
        QCOMPARE(throughJson(late), late);
        const TimeOff holiday{QStringLiteral("off-1"), QStringLiteral("tom"), tuesday10,
                              tuesday10 + 14 * 86400, QStringLiteral("Holiday")};
        QCOMPARE(throughJson(holiday), holiday);
        const TimeOff before1970{QStringLiteral("off-2"), QStringLiteral("tom"), -86400, 0, {}};
        QCOMPARE(throughJson(before1970), before1970);
    }

    void appointment_data()
    {
        QTest::addColumn<Appointment>("value");
        QTest::addRow("empty") << Appointment();
        for (AppointmentStatus status :
             {AppointmentStatus::Booked, AppointmentStatus::Confirmed, AppointmentStatus::Arrived,
              AppointmentStatus::InService, AppointmentStatus::Completed,
              AppointmentStatus::Cancelled, AppointmentStatus::NoShow})
            QTest::addRow("%s", qPrintable(appointmentStatusName(status))) << visit(status);
        Appointment walkIn = visit(AppointmentStatus::InService);
        walkIn.clientId.clear();
        walkIn.walkIn = true;
        walkIn.notes = oddText();
        walkIn.depositCents = 2000;
        walkIn.overbooked = true;
        walkIn.overbookReason = QStringLiteral("Mia is on her break 13:00–13:30");
        walkIn.seriesId = QStringLiteral("series-1");
        walkIn.changedBy = QStringLiteral("manager");
        walkIn.changedAt = tuesday10;
        QTest::addRow("an overbooked walk-in") << walkIn;
        Appointment cancelled = visit(AppointmentStatus::Cancelled);
        cancelled.cancelReason = oddText();
        QTest::addRow("cancelled with a reason") << cancelled;
    }
    void appointment()
    {
        QFETCH(Appointment, value);
        QCOMPARE(throughJson(value), value);
    }

    void appointmentSpan()
    {
        const Appointment a = visit(AppointmentStatus::Booked);
        QCOMPARE(a.startsAt(), tuesday10);
        QCOMPARE(a.endsAt(), tuesday10 + 8100); // the buffer included
        QCOMPARE(a.lines.at(0).startsAt(), tuesday10);
        QCOMPARE(a.lines.at(0).endsAt(), tuesday10 + 5700);
        QCOMPARE(throughJson(a.lines.at(1)), a.lines.at(1));
        QCOMPARE(throughJson(a.lines.at(0).segments.at(2)), a.lines.at(0).segments.at(2));
    }

    void standingAndWaitlist()
    {
        const StandingAppointment standing{
                QStringLiteral("series-1"), QStringLiteral("salon-1"), QStringLiteral("client-1"),
                QStringLiteral("FREQ=WEEKLY;INTERVAL=6;COUNT=8"), tuesday10};
        QCOMPARE(throughJson(standing), standing);
        WaitlistEntry w;
        QCOMPARE(throughJson(w), w);
        w.id = QStringLiteral("wait-1");
        w.salonId = QStringLiteral("salon-1");
        w.clientId = QStringLiteral("client-1");
        w.serviceIds = {QStringLiteral("cut"), QStringLiteral("colour")};
        w.staffId = QStringLiteral("mia");
        w.earliest = QDate(2026, 12, 1);
        w.latest = QDate(2026, 12, 20);
        w.notes = oddText();
        w.createdAt = tuesday10 - 3600;
        QCOMPARE(throughJson(w), w);
    }

    // Names are what JSON and the CLI carry: each value has one, and reading
    // it back (in any case) gives the value again; unknown names are refused.
    void names()
    {
        for (int i = 0; i <= int(AppointmentStatus::NoShow); ++i) {
            AppointmentStatus status = AppointmentStatus::Booked;
            QVERIFY(appointmentStatusFromName(appointmentStatusName(AppointmentStatus(i)).toUpper(),
                                              &status));
            QCOMPARE(status, AppointmentStatus(i));
        }
        for (StaffRole role :
             {StaffRole::Owner, StaffRole::Manager, StaffRole::FrontDesk, StaffRole::Stylist}) {
            StaffRole read = StaffRole::Stylist;
            QVERIFY(staffRoleFromName(staffRoleName(role), &read));
            QCOMPARE(read, role);
        }
        for (SegmentKind kind : {SegmentKind::Busy, SegmentKind::Processing, SegmentKind::Buffer}) {
            SegmentKind read = SegmentKind::Busy;
            QVERIFY(segmentKindFromName(segmentKindName(kind), &read));
            QCOMPARE(read, kind);
        }
        AppointmentStatus status = AppointmentStatus::Confirmed;
        QVERIFY(!appointmentStatusFromName(QStringLiteral("lost"), &status));
        QCOMPARE(status, AppointmentStatus::Confirmed);
        StaffRole role = StaffRole::Owner;
        QVERIFY(!staffRoleFromName(QString(), &role));
        QCOMPARE(role, StaffRole::Owner);
        SegmentKind kind = SegmentKind::Buffer;
        QVERIFY(!segmentKindFromName(QStringLiteral("nap"), &kind));
        QCOMPARE(kind, SegmentKind::Buffer);
    }

    // What a hand-edited or older export may hold: missing fields read as
    // defaults instead of failing.
    void missingFieldsReadAsDefaults()
    {
        const QJsonObject sparse{{QStringLiteral("id"), QStringLiteral("x")}};
        QCOMPARE(Appointment::fromJson(sparse).status, AppointmentStatus::Booked);
        QVERIFY(Appointment::fromJson(sparse).lines.isEmpty());
        QVERIFY(Staff::fromJson(sparse).active);
        QVERIFY(!Client::fromJson(sparse).patchTestDate.isValid());
        QCOMPARE(Salon::fromJson(sparse).id, QStringLiteral("x"));
        QVERIFY(!Salon::fromJson(sparse).openingHours[0].isOpen());
        QCOMPARE(Salon::fromJson(sparse).patchTestMinHours, 48);
        QCOMPARE(Salon::fromJson(sparse).patchTestMaxDays, 183);
        QCOMPARE(Service::fromJson(sparse).rebookWeeks, 0);
        QVERIFY(!Service::fromJson(sparse).needsPatchTest);
        QVERIFY(Appointment::fromJson(sparse).cancelReason.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDomainJson)
#include "tst_domainjson.moc"
