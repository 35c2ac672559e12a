#include "testsupport.h"

#include "booking/appointmentbook.h"
#include "booking/appointmentchange.h"
#include "booking/daysheet.h"

#include <QTest>
#include <QTimeZone>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

const QDate Day(2026, 12, 1); // a Tuesday; London is on UTC in December

qint64 at(const QDate &date, int hour, int minute = 0)
{
    return QDateTime(date, QTime(hour, minute), QTimeZone("Europe/London")).toSecsSinceEpoch();
}

qint64 at(int hour, int minute = 0)
{
    return at(Day, hour, minute);
}

QList<BookedSegment> segmentsOf(const Appointment &a)
{
    QList<BookedSegment> all;
    for (const ServiceLine &line : a.lines)
        all.append(line.segments);
    return all;
}

} // namespace

class TestAppointmentBook : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void resizeMovesWhatFollows_data();
    void resizeMovesWhatFollows();
    void resizeIntoABreakNeedsOverbook();
    void shiftKeepsLengthsAndChangesStylist();
    void restoreWritesTheOldRowExactly();
    void restoreRefusedWhenTheTimeIsTaken();
    void restoreGivesBackANoShow();
    void nextOpenDaySkipsClosedDays();

private:
    Appointment bookNow(int stylist, int service, qint64 startsAt, int client = 0);

    std::unique_ptr<TempStore> m_temp;
    TestData m_data = TestData::small();
};

void TestAppointmentBook::init()
{
    m_temp = std::make_unique<TempStore>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->errorString()));
    m_data = TestData::small();
    QVERIFY(m_data.saveTo(m_temp->store()));
    for (int s = 0; s < m_data.staff.size(); ++s) {
        for (int weekday = 2; weekday <= 6; ++weekday) {
            const QList<Break> lunch = {{13 * 60, 13 * 60 + 30}};
            QVERIFY(m_temp->store()
                            .save(m_data.shift(s, weekday, 9 * 60, 17 * 60,
                                               s == 0 ? lunch : QList<Break>()))
                            .ok());
        }
    }
}

void TestAppointmentBook::cleanup()
{
    m_temp.reset();
}

Appointment TestAppointmentBook::bookNow(int stylist, int service, qint64 startsAt, int client)
{
    BookingRequest request;
    request.salonId = m_data.salon.id;
    request.clientId = m_data.clients.at(client).id;
    request.lines = {{m_data.services.at(service).id, m_data.staff.at(stylist).id}};
    request.startsAt = startsAt;
    request.by = QStringLiteral("test");
    const Result<QList<Appointment>> booked = AppointmentBook(m_temp->store()).book(request);
    if (!booked) {
        qWarning() << booked.error().message;
        return {};
    }
    return booked->constFirst();
}

void TestAppointmentBook::resizeMovesWhatFollows_data()
{
    QTest::addColumn<int>("service");
    QTest::addColumn<qint64>("newEnd");
    // (kind, start, end) of every segment afterwards, in minutes after 10:00.
    QTest::addColumn<QList<QList<int>>>("expected");
    QTest::addColumn<bool>("refused");

    const int busy = int(SegmentKind::Busy);
    const int processing = int(SegmentKind::Processing);
    const int buffer = int(SegmentKind::Buffer);
    QTest::addRow("cut made longer")
            << 0 << at(11, 15) << QList<QList<int>>{{busy, 0, 75}} << false;
    QTest::addRow("cut made shorter")
            << 0 << at(10, 30) << QList<QList<int>>{{busy, 0, 30}} << false;
    QTest::addRow("colour: the last busy part grows")
            << 1 << at(11, 50)
            << QList<QList<int>>{{busy, 0, 30}, {processing, 30, 65}, {busy, 65, 110}} << false;
    QTest::addRow("blow-dry: the buffer moves after it")
            << 2 << at(10, 55) << QList<QList<int>>{{busy, 0, 45}, {buffer, 45, 55}} << false;
    QTest::addRow("shorter than five minutes") << 0 << at(10, 2) << QList<QList<int>>{} << true;
}

void TestAppointmentBook::resizeMovesWhatFollows()
{
    QFETCH(int, service);
    QFETCH(qint64, newEnd);
    QFETCH(QList<QList<int>>, expected);
    QFETCH(bool, refused);

    const Appointment booked = bookNow(1, service, at(10));
    QVERIFY(!booked.id.isEmpty());
    const Result<Appointment> resized = AppointmentBook(m_temp->store())
                                                .resize(booked.id, m_data.staff.at(1).id, newEnd,
                                                        false, QStringLiteral("test"));
    if (refused) {
        QVERIFY(!resized);
        QCOMPARE(resized.error().code, Error::Code::Invalid);
        QCOMPARE(*VALUE_OF(m_temp->store().appointment(booked.id)), booked);
        return;
    }
    QVERIFY2(resized.ok(), resized.ok() ? "" : qPrintable(resized.error().message));
    const QList<BookedSegment> segments =
            segmentsOf(*VALUE_OF(m_temp->store().appointment(booked.id)));
    QCOMPARE(segments.size(), expected.size());
    for (int i = 0; i < segments.size(); ++i) {
        QCOMPARE(int(segments.at(i).kind), expected.at(i).at(0));
        QCOMPARE(segments.at(i).startsAt, at(10) + expected.at(i).at(1) * 60);
        QCOMPARE(segments.at(i).endsAt, at(10) + expected.at(i).at(2) * 60);
    }
    QCOMPARE(AppointmentChange::spanOf(*resized, m_data.staff.at(1).id).second, newEnd);
}

void TestAppointmentBook::resizeIntoABreakNeedsOverbook()
{
    const Appointment cut = bookNow(0, 0, at(12));
    AppointmentBook book(m_temp->store());
    const Result<Appointment> refused =
            book.resize(cut.id, m_data.staff.at(0).id, at(13, 15), false, QStringLiteral("test"));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, Error::Code::Conflict);
    QVERIFY2(refused.error().message.contains(QStringLiteral("13:00")),
             qPrintable(refused.error().message));
    QCOMPARE(*VALUE_OF(m_temp->store().appointment(cut.id)), cut);

    const Result<Appointment> overbooked =
            book.resize(cut.id, m_data.staff.at(0).id, at(13, 15), true, QStringLiteral("test"));
    QVERIFY(overbooked.ok());
    QVERIFY(overbooked->overbooked);
    QVERIFY(!overbooked->overbookReason.isEmpty());
    QCOMPARE(VALUE_OF(m_temp->store().appointment(cut.id))->endsAt(), at(13, 15));
}

void TestAppointmentBook::shiftKeepsLengthsAndChangesStylist()
{
    const Appointment cut = bookNow(0, 0, at(10));
    AppointmentBook book(m_temp->store());
    QVERIFY(book.resize(cut.id, m_data.staff.at(0).id, at(11), false, QStringLiteral("test")).ok());
    const Result<Appointment> moved =
            book.shift(cut.id, at(14), m_data.staff.at(0).id, m_data.staff.at(2).id, false,
                       QStringLiteral("desk"));
    QVERIFY2(moved.ok(), moved.ok() ? "" : qPrintable(moved.error().message));
    const Appointment stored = *VALUE_OF(m_temp->store().appointment(cut.id));
    QCOMPARE(stored.startsAt(), at(14));
    QCOMPARE(stored.endsAt(), at(15)); // the resized hour, not the service's 45 minutes
    QCOMPARE(stored.lines.constFirst().staffId, m_data.staff.at(2).id);
    QCOMPARE(stored.lines.constFirst().id, cut.lines.constFirst().id);
    QCOMPARE(stored.changedBy, QStringLiteral("desk"));

    // Onto someone else's client: refused, unless overbooked knowingly.
    const Appointment other = bookNow(1, 0, at(16));
    const Result<Appointment> clash = book.shift(cut.id, at(16), m_data.staff.at(2).id,
                                                 m_data.staff.at(1).id, false, QString());
    QVERIFY(!clash);
    QCOMPARE(clash.error().code, Error::Code::Conflict);
    QCOMPARE(*VALUE_OF(m_temp->store().appointment(cut.id)), stored);
}

void TestAppointmentBook::restoreWritesTheOldRowExactly()
{
    const Appointment cut = bookNow(0, 0, at(10));
    AppointmentBook book(m_temp->store());
    QVERIFY(book.shift(cut.id, at(11), {}, {}, false, QStringLiteral("desk")).ok());
    const qint64 outbox = VALUE_OF(m_temp->store().outboxCount());
    const Result<Appointment> restored = book.restore(cut);
    QVERIFY2(restored.ok(), restored.ok() ? "" : qPrintable(restored.error().message));
    QCOMPARE(*VALUE_OF(m_temp->store().appointment(cut.id)), cut);
    QCOMPARE(VALUE_OF(m_temp->store().outboxCount()),
             outbox + 1); // a new write, on its way to the server

    // A removed appointment comes back too (undoing its removal).
    QVERIFY(m_temp->store().remove(Entity::Appointment, cut.id).ok());
    QVERIFY(book.restore(cut).ok());
    QCOMPARE(*VALUE_OF(m_temp->store().appointment(cut.id)), cut);
}

void TestAppointmentBook::restoreRefusedWhenTheTimeIsTaken()
{
    const Appointment cut = bookNow(0, 0, at(10));
    AppointmentBook book(m_temp->store());
    QVERIFY(book.shift(cut.id, at(11), {}, {}, false, QStringLiteral("desk")).ok());
    const Appointment moved = *VALUE_OF(m_temp->store().appointment(cut.id));
    // Someone else takes 10:00 in the meantime.
    QVERIFY(!bookNow(0, 0, at(10), 1).id.isEmpty());
    const Result<Appointment> restored = book.restore(cut);
    QVERIFY(!restored);
    QCOMPARE(restored.error().code, Error::Code::Conflict);
    QCOMPARE(*VALUE_OF(m_temp->store().appointment(cut.id)), moved);
}

void TestAppointmentBook::restoreGivesBackANoShow()
{
    const Appointment cut = bookNow(0, 0, at(10));
    AppointmentBook book(m_temp->store());
    const int before = VALUE_OF(m_temp->store().client(cut.clientId))->noShowCount;
    QVERIFY(book.setStatus(cut.id, AppointmentStatus::NoShow, QStringLiteral("desk")).ok());
    QCOMPARE(VALUE_OF(m_temp->store().client(cut.clientId))->noShowCount, before + 1);
    const Appointment noShow = *VALUE_OF(m_temp->store().appointment(cut.id));
    QVERIFY(book.restore(cut).ok());
    QCOMPARE(VALUE_OF(m_temp->store().client(cut.clientId))->noShowCount, before);
    QCOMPARE(*VALUE_OF(m_temp->store().appointment(cut.id)), cut);
    QVERIFY(book.restore(noShow).ok()); // redo
    QCOMPARE(VALUE_OF(m_temp->store().client(cut.clientId))->noShowCount, before + 1);
}

void TestAppointmentBook::nextOpenDaySkipsClosedDays()
{
    const Salon salon = *VALUE_OF(m_temp->store().salon(m_data.salon.id));
    QCOMPARE(VALUE_OF(DaySheet::nextOpenDay(m_temp->store(), salon, Day)), Day.addDays(1));
    // Saturday → Tuesday: nobody works Sunday or Monday.
    QCOMPARE(VALUE_OF(DaySheet::nextOpenDay(m_temp->store(), salon, Day.addDays(4))),
             Day.addDays(7));
    QCOMPARE(VALUE_OF(DaySheet::nextOpenDay(m_temp->store(), salon, Day.addDays(4), 2)), QDate());
}

QTEST_GUILESS_MAIN(TestAppointmentBook)
#include "tst_appointmentbook.moc"
