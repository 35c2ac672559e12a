#include "testsupport.h"

#include <QTest>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

// What Store::visitsToDraw must give, made from the general reads.
QList<VisitOutline> expectedOutlines(const Store &store, const QString &salonId, qint64 from,
                                     qint64 to)
{
    QList<VisitOutline> visits;
    for (const Appointment &a : VALUE_OF(store.appointments(salonId, from, to), visits)) {
        VisitOutline visit;
        visit.id = a.id;
        const std::optional<Client> client = VALUE_OF(store.client(a.clientId), visits);
        visit.clientName = client ? client->name : QString();
        visit.status = a.status;
        visit.walkIn = a.walkIn;
        visit.overbooked = a.overbooked;
        visit.startsAt = a.startsAt();
        for (qsizetype l = 0; l < a.lines.size(); ++l) {
            const ServiceLine &line = a.lines.at(l);
            VisitOutline::Part part;
            part.staffId = line.staffId;
            part.serviceId = line.serviceId;
            part.line = int(l);
            if (line.segments.isEmpty())
                visit.parts.append(part);
            for (const BookedSegment &segment : line.segments) {
                part.timed = true;
                part.kind = segment.kind;
                part.startsAt = segment.startsAt;
                part.endsAt = segment.endsAt;
                visit.parts.append(part);
            }
        }
        visits.append(visit);
    }
    return visits;
}

// The first difference, in words (empty: none).
QString difference(const QList<VisitOutline> &got, const QList<VisitOutline> &expected)
{
    if (got.size() != expected.size())
        return QStringLiteral("%1 visits, expected %2").arg(got.size()).arg(expected.size());
    for (qsizetype i = 0; i < got.size(); ++i) {
        const VisitOutline &g = got.at(i);
        const VisitOutline &e = expected.at(i);
        if (g.id != e.id || g.clientName != e.clientName || g.status != e.status
            || g.walkIn != e.walkIn || g.overbooked != e.overbooked || g.startsAt != e.startsAt)
            return QStringLiteral("visit %1: %2 (client %3), expected %4 (client %5)")
                    .arg(i)
                    .arg(g.id, g.clientName, e.id, e.clientName);
        if (g.parts.size() != e.parts.size())
            return QStringLiteral("%1: %2 parts, expected %3")
                    .arg(g.id)
                    .arg(g.parts.size())
                    .arg(e.parts.size());
        for (qsizetype p = 0; p < g.parts.size(); ++p) {
            const VisitOutline::Part &gp = g.parts.at(p);
            const VisitOutline::Part &ep = e.parts.at(p);
            if (gp.staffId != ep.staffId || gp.serviceId != ep.serviceId || gp.line != ep.line
                || gp.timed != ep.timed || gp.kind != ep.kind || gp.startsAt != ep.startsAt
                || gp.endsAt != ep.endsAt)
                return QStringLiteral("%1: part %2 differs").arg(g.id).arg(p);
        }
    }
    return {};
}

} // namespace

// Store::visitsToDraw, the day view's own read, gives what the general
// reads give (appointments() with the clients' names), in their order.
class TestStoreVisits : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void sameAsAppointments_data();
    void sameAsAppointments();
    void failedReadSaysSo();

private:
    std::unique_ptr<FixedClock> m_clock;
    std::unique_ptr<TempStore> m_store;
    TestData m_data;
};

void TestStoreVisits::init()
{
    m_clock = std::make_unique<FixedClock>(
            QDateTime(QDate(2026, 12, 1), QTime(8, 0), QTimeZone::utc()));
    m_store = std::make_unique<TempStore>(*m_clock);
    QVERIFY2(m_store->isValid(), qPrintable(m_store->errorString()));
    m_data = TestData::small();
    m_data.addClient(QStringLiteral("Zoë Ångström"));
    QVERIFY(m_data.saveTo(m_store->store()));

    StoreContents contents;
    auto at = [](const char *when) {
        return utc(QString::fromLatin1(when));
    };
    auto add = [&](const QString &id, qint64 start, const QList<std::pair<int, int>> &lines) {
        contents.appointments.append(m_data.appointment(id, start, lines));
        return &contents.appointments.last();
    };
    // Two stylists in one visit; one stylist doing two services.
    add(QStringLiteral("two-stylists"), at("2026-12-01T09:00:00Z"), {{0, 0}, {1, 1}});
    add(QStringLiteral("two-services"), at("2026-12-01T11:00:00Z"), {{0, 0}, {0, 1}})->clientId =
            m_data.clients.at(1).id;
    // The same start: ordered by id, not by when they were written.
    add(QStringLiteral("tie-b"), at("2026-12-01T13:00:00Z"), {{0, 0}});
    add(QStringLiteral("tie-a"), at("2026-12-01T13:00:00Z"), {{1, 0}});
    Appointment *walkIn = add(QStringLiteral("walk-in"), at("2026-12-01T14:00:00Z"), {{1, 0}});
    walkIn->clientId.clear();
    walkIn->walkIn = true;
    Appointment *gone = add(QStringLiteral("client-gone"), at("2026-12-01T15:00:00Z"), {{0, 0}});
    gone->clientId = QStringLiteral("no-such-client");
    gone->overbooked = true;
    add(QStringLiteral("cancelled"), at("2026-12-01T16:00:00Z"), {{0, 0}})->status =
            AppointmentStatus::Cancelled;
    add(QStringLiteral("no-show"), at("2026-12-01T17:00:00Z"), {{1, 0}})->status =
            AppointmentStatus::NoShow;
    // From the evening before into the day, and the next day.
    Appointment *late = add(QStringLiteral("overnight"), at("2026-11-30T23:00:00Z"), {{0, 0}});
    late->lines[0].segments[0].endsAt = at("2026-12-01T01:00:00Z");
    add(QStringLiteral("next-day"), at("2026-12-02T10:00:00Z"), {{0, 0}});
    const Result<void> inserted = m_store->store().insertAll(contents, false);
    QVERIFY2(inserted.ok(), qPrintable(inserted.ok() ? QString() : inserted.error().message));
    // Another salon's visit in the same hours.
    TestData other(QStringLiteral("salon-2"));
    other.addStylist(QStringLiteral("Other"));
    other.addService(QStringLiteral("Cut"), {segment(SegmentKind::Busy, 30)});
    other.addClient(QStringLiteral("Other client"));
    QVERIFY(other.saveTo(m_store->store()));
    QVERIFY(m_store->store()
                    .save(other.appointment(QStringLiteral("other-salon"),
                                            at("2026-12-01T09:00:00Z"), {{0, 0}}))
                    .ok());
}

void TestStoreVisits::cleanup()
{
    m_store.reset();
    m_clock.reset();
}

void TestStoreVisits::sameAsAppointments_data()
{
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<int>("count");
    const qint64 day = utc(QStringLiteral("2026-12-01T00:00:00Z"));
    QTest::addRow("the day") << day << day + 86400 << 9;
    QTest::addRow("the morning") << day << day + 12 * 3600 << 3;
    QTest::addRow("the next day") << day + 86400 << day + 2 * 86400 << 1;
    QTest::addRow("a day with none") << day + 7 * 86400 << day + 8 * 86400 << 0;
}

void TestStoreVisits::sameAsAppointments()
{
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(int, count);
    const Store &store = m_store->store();
    const QString salon = m_data.salon.id;
    // Twice: the second time the statement is the one kept prepared.
    for (int i = 0; i < 2; ++i) {
        const QList<VisitOutline> visits = VALUE_OF(store.visitsToDraw(salon, from, to));
        QCOMPARE(visits.size(), count);
        QCOMPARE(difference(visits, expectedOutlines(store, salon, from, to)), QString());
    }
}

void TestStoreVisits::failedReadSaysSo()
{
    Store &store = m_store->store();
    const qint64 day = utc(QStringLiteral("2026-12-01T00:00:00Z"));
    QVERIFY(store.visitsToDraw(m_data.salon.id, day, day + 86400).ok());
    store.failAfterStatements(1);
    const Result<QList<VisitOutline>> failed =
            store.visitsToDraw(m_data.salon.id, day, day + 86400);
    QVERIFY2(!failed.ok(), "a failed read looked like a day");
    QCOMPARE(failed.error().code, Error::Code::Storage);
    QVERIFY2(failed.error().message.contains(QStringLiteral("disk I/O error")),
             qPrintable(failed.error().message));
    QCOMPARE(VALUE_OF(store.visitsToDraw(m_data.salon.id, day, day + 86400)).size(), 9);
}

QTEST_GUILESS_MAIN(TestStoreVisits)
#include "tst_storevisits.moc"
