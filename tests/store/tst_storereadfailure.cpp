#include "testsupport.h"

#include <QTest>

#include <functional>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

// What a read gave: nothing when it worked, else its error.
using Read = std::function<std::optional<Error>(const Store &store)>;

template <typename T>
std::optional<Error> errorOf(const Result<T> &result)
{
    return result.ok() ? std::nullopt : std::optional<Error>(result.error());
}

} // namespace

Q_DECLARE_METATYPE(Read)

// A read that SQLite cannot answer says so (Error::Code::Storage with a
// sentence) instead of looking like an empty book, and a removal whose
// check cannot be read is refused with nothing removed. The failures are
// real: another connection takes a table away, as a foreign writer might.
class TestStoreReadFailure : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void everyReadSaysItFailed_data();
    void everyReadSaysItFailed();
    void removalRefusedWhenItsCheckFails_data();
    void removalRefusedWhenItsCheckFails();

private:
    std::unique_ptr<FixedClock> m_clock;
    std::unique_ptr<TempStore> m_store;
    TestData m_data = TestData::small();
};

void TestStoreReadFailure::init()
{
    m_clock = std::make_unique<FixedClock>(
            QDateTime(QDate(2026, 12, 1), QTime(8, 0), QTimeZone::utc()));
    m_store = std::make_unique<TempStore>(*m_clock);
    QVERIFY2(m_store->isValid(), qPrintable(m_store->errorString()));
    QVERIFY(m_data.saveTo(m_store->store()));
    // An upcoming cut with the first stylist for the first client.
    QVERIFY(m_store->store()
                    .save(m_data.appointment(QStringLiteral("appt-1"),
                                             utc(QStringLiteral("2026-12-01T10:00:00Z")), {{0, 0}}))
                    .ok());
    QVERIFY(m_store->store().acknowledgeOutbox(Store::serverConsumer, 1).ok());
}

void TestStoreReadFailure::cleanup()
{
    m_store.reset();
    m_clock.reset();
}

void TestStoreReadFailure::everyReadSaysItFailed_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<Read>("read");
    const QString salon = m_data.salon.id;
    const QString client = m_data.clients.at(0).id;
    const qint64 from = Store::earliestInstant;
    const qint64 to = Store::latestInstant;
    const QDate first(2026, 1, 1);
    const QDate last(2027, 1, 1);
    const auto row = [](const char *name, const char *table, Read read) {
        QTest::addRow("%s", name) << QString::fromLatin1(table) << read;
    };
    row("salons", "salons", [](const Store &s) { return errorOf(s.salons()); });
    row("salon", "salons", [=](const Store &s) { return errorOf(s.salon(salon)); });
    row("staff", "staff", [=](const Store &s) { return errorOf(s.staff(salon)); });
    row("staff skills", "staff_skills", [=](const Store &s) { return errorOf(s.staff(salon)); });
    row("services", "services", [=](const Store &s) { return errorOf(s.services(salon)); });
    row("resources", "resources", [=](const Store &s) { return errorOf(s.resources(salon)); });
    row("clients", "clients", [=](const Store &s) { return errorOf(s.clients(salon)); });
    row("clients found by name", "clients_text",
        [=](const Store &s) { return errorOf(s.clients(salon, QStringLiteral("Ann"))); });
    row("client", "clients", [=](const Store &s) { return errorOf(s.client(client)); });
    row("clients by id", "clients",
        [=](const Store &s) { return errorOf(s.clientsWithIds({client})); });
    row("shifts", "shifts", [=](const Store &s) { return errorOf(s.shifts(salon)); });
    row("shift exceptions", "shift_exceptions",
        [=](const Store &s) { return errorOf(s.shiftExceptions(salon, first, last)); });
    row("time off", "time_off",
        [=](const Store &s) { return errorOf(s.timeOff(salon, from, to)); });
    row("standing appointments", "standing_appointments",
        [=](const Store &s) { return errorOf(s.standingAppointments(salon)); });
    row("appointments", "appointments",
        [=](const Store &s) { return errorOf(s.appointments(salon, from, to)); });
    row("appointments' longest visit", "salon_visit_span",
        [=](const Store &s) { return errorOf(s.appointments(salon, from, to)); });
    row("appointments' lines", "appointment_lines",
        [=](const Store &s) { return errorOf(s.appointments(salon, from, to)); });
    for (const char *table : {"appointments", "appointment_lines", "appointment_segments",
                              "clients", "salon_visit_span"})
        row(qPrintable(QStringLiteral("visits to draw: %1").arg(QLatin1String(table))), table,
            [=](const Store &s) { return errorOf(s.visitsToDraw(salon, from, to)); });
    row("appointment", "appointments",
        [](const Store &s) { return errorOf(s.appointment(QStringLiteral("appt-1"))); });
    row("appointment's segments", "appointment_segments",
        [](const Store &s) { return errorOf(s.appointment(QStringLiteral("appt-1"))); });
    row("waitlist", "waitlist", [=](const Store &s) { return errorOf(s.waitlist(salon)); });
    row("outbox", "outbox", [](const Store &s) { return errorOf(s.outbox()); });
    row("outbox count", "outbox", [](const Store &s) { return errorOf(s.outboxCount()); });
    row("outbox position", "outbox_positions",
        [](const Store &s) { return errorOf(s.outboxPosition(Store::serverConsumer)); });
    row("shared", "outbox_positions", [](const Store &s) { return errorOf(s.isShared()); });
    row("contents", "appointment_segments", [](const Store &s) { return errorOf(s.contents()); });
}

void TestStoreReadFailure::everyReadSaysItFailed()
{
    QFETCH(QString, table);
    QFETCH(Read, read);
    const Store &store = m_store->store();
    QCOMPARE(read(store), std::nullopt); // the read works on a whole book

    MissingTable missing(m_store->path(), table);
    QVERIFY2(missing.errorString().isEmpty(), qPrintable(missing.errorString()));
    const std::optional<Error> failed = read(store);
    QVERIFY2(failed, "a read of a missing table looked like it worked");
    QCOMPARE(failed->code, Error::Code::Storage);
    QVERIFY2(failed->message.startsWith(QStringLiteral("The appointment book could not be read: ")),
             qPrintable(failed->message));
    QVERIFY2(failed->message.contains(QStringLiteral("no such table")),
             qPrintable(failed->message));

    QVERIFY2(missing.restore(), qPrintable(missing.errorString()));
    QCOMPARE(read(store), std::nullopt);
}

void TestStoreReadFailure::removalRefusedWhenItsCheckFails_data()
{
    QTest::addColumn<int>("entity");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("table"); // what the check reads
    QTest::addRow("stylist with a visit")
            << int(Entity::Staff) << m_data.staff.at(0).id << QStringLiteral("appointments");
    QTest::addRow("stylist, visit span unread")
            << int(Entity::Staff) << m_data.staff.at(0).id << QStringLiteral("salon_visit_span");
    QTest::addRow("service") << int(Entity::Service) << m_data.services.at(0).id
                             << QStringLiteral("appointment_lines");
    QTest::addRow("client") << int(Entity::Client) << m_data.clients.at(0).id
                            << QStringLiteral("appointment_segments");
    // Nobody books the second stylist: "none" must not be what a failed read means.
    QTest::addRow("stylist without visits")
            << int(Entity::Staff) << m_data.staff.at(1).id << QStringLiteral("appointments");
    QTest::addRow("resource") << int(Entity::Resource) << m_data.resources.at(0).id
                              << QStringLiteral("services");
}

void TestStoreReadFailure::removalRefusedWhenItsCheckFails()
{
    QFETCH(int, entity);
    QFETCH(QString, id);
    QFETCH(QString, table);
    Store &store = m_store->store();
    const StoreContents before = VALUE_OF(store.contents());
    const qint64 queued = VALUE_OF(store.outboxCount());

    MissingTable missing(m_store->path(), table);
    QVERIFY2(missing.errorString().isEmpty(), qPrintable(missing.errorString()));
    const Result<void> removed = store.remove(Entity(entity), id);
    QVERIFY2(!removed.ok(), "removed although its check could not be read");
    QCOMPARE(removed.error().code, Error::Code::Storage);
    QVERIFY2(removed.error().message.contains(QStringLiteral("could not be read")),
             qPrintable(removed.error().message));

    QVERIFY2(missing.restore(), qPrintable(missing.errorString()));
    QCOMPARE(contentsDifference(VALUE_OF(store.contents()), before), QString());
    QCOMPARE(VALUE_OF(store.outboxCount()), queued);
}

QTEST_GUILESS_MAIN(TestStoreReadFailure)
#include "tst_storereadfailure.moc"
