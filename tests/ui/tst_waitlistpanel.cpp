// The waitlist panel end to end: a visit is cancelled, the entry the freed
// time fits is highlighted with its slot, "Offer this slot" books it and
// takes it off the list, and the store's export (chairside-cli export)
// shows both.

#include "demobook.h"
#include "mainwindow.h"
#include "waitlistmodel.h"
#include "waitlistpanel.h"

#include "../cli/clirunner.h"

#include "booking/appointmentbook.h"
#include "booking/waitlistoffers.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDockWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QUuid>

using namespace chairside;
using namespace chairside::testsupport;

class TestWaitlistPanel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void offerAfterCancel_data();
    void offerAfterCancel();
    void nothingFreedNothingHighlighted();
    void hiddenListIsReadWhenShown();
    void hiddenPanelComesUpWithFreedTime();
    void entryGoneMeanwhileBooksNothing();

private:
    // A booked visit the day after Day: one service, one stylist, a client.
    std::optional<Appointment> visitToCancel();
    WaitlistEntry addEntry(const QString &clientId, const ServiceLine &line, const QDate &from,
                           const QDate &to);
    int rowOf(const WaitlistModel *model, const QString &entryId) const;

    std::unique_ptr<DemoBook> m_book;
};

void TestWaitlistPanel::init()
{
    m_book = std::make_unique<DemoBook>();
    const QString error = m_book->open();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

std::optional<Appointment> TestWaitlistPanel::visitToCancel()
{
    const QDate day = DemoBook::Day.addDays(1);
    const QList<Appointment> appointments =
            VALUE_OF(m_book->store().appointments(m_book->salon.id, m_book->at(day, QTime(0, 0)),
                                                  m_book->at(day.addDays(1), QTime(0, 0))),
                     {});
    for (const Appointment &a : appointments) {
        if (a.status == AppointmentStatus::Booked && a.lines.size() == 1 && !a.overbooked
            && !a.walkIn && !a.clientId.isEmpty() && a.startsAt() >= m_book->at(day, QTime(10, 0)))
            return a;
    }
    return std::nullopt;
}

WaitlistEntry TestWaitlistPanel::addEntry(const QString &clientId, const ServiceLine &line,
                                          const QDate &from, const QDate &to)
{
    WaitlistEntry entry;
    entry.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    entry.salonId = m_book->salon.id;
    entry.clientId = clientId;
    entry.serviceIds = {line.serviceId};
    entry.staffId = line.staffId;
    entry.earliest = from;
    entry.latest = to;
    entry.createdAt = m_book->clock.secondsNow();
    const Result<void> saved = m_book->store().save(entry);
    if (!saved)
        qWarning() << saved.error().message;
    return entry;
}

int TestWaitlistPanel::rowOf(const WaitlistModel *model, const QString &entryId) const
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(WaitlistModel::EntryIdRole).toString() == entryId)
            return row;
    }
    return -1;
}

void TestWaitlistPanel::offerAfterCancel_data()
{
    QTest::addColumn<QString>("how");
    QTest::addRow("cancelled") << QStringLiteral("cancel");
    QTest::addRow("no-show") << QStringLiteral("noShow");
    QTest::addRow("moved") << QStringLiteral("move");
}

void TestWaitlistPanel::offerAfterCancel()
{
    QFETCH(QString, how);
    Store &store = m_book->store();
    const std::optional<Appointment> visit = visitToCancel();
    QVERIFY2(visit, "the demo salon books the day after Day");
    const ServiceLine line = visit->lines.constFirst();
    const QDate day = DemoBook::Day.addDays(1);
    QString clientId;
    for (const Client &client : VALUE_OF(store.clients(m_book->salon.id))) {
        if (client.id != visit->clientId)
            clientId = client.id;
    }
    const WaitlistEntry fitting = addEntry(clientId, line, day, day);
    const WaitlistEntry later = addEntry(clientId, line, day.addDays(20), day.addDays(21));

    MainWindow window(&store);
    window.showDate(DemoBook::Day);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
    auto *dock = window.findChild<QDockWidget *>(QStringLiteral("waitlistDock"));
    auto *view = window.findChild<QTableView *>(QStringLiteral("waitlistView"));
    auto *offer = window.findChild<QPushButton *>(QStringLiteral("offerSlotButton"));
    QVERIFY(dock && view && offer);
    QVERIFY(dock->isVisible());
    auto *model = qobject_cast<WaitlistModel *>(view->model());
    QVERIFY(model);
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(rowOf(model, fitting.id) >= 0);
    QCOMPARE(model->fittingCount(), 0);

    // The visit gives its time back.
    AppointmentBook book(store);
    if (how == QStringLiteral("cancel")) {
        QVERIFY(book.cancel(visit->id, QStringLiteral("tst")).ok());
    } else if (how == QStringLiteral("noShow")) {
        // A no-show is marked once the client is late; the time is still to come here.
        QVERIFY(book.setStatus(visit->id, AppointmentStatus::NoShow, QStringLiteral("tst")).ok());
    } else {
        const Result<Appointment> moved =
                book.move(visit->id, m_book->at(day.addDays(7), QTime(19, 0)), QString(), true,
                          QStringLiteral("tst"));
        QVERIFY2(moved.ok(), moved.ok() ? "" : qPrintable(moved.error().message));
    }
    QTRY_VERIFY(
            rowOf(model, fitting.id) >= 0
            && model->index(rowOf(model, fitting.id), 0).data(WaitlistModel::FitsRole).toBool());
    const int row = rowOf(model, fitting.id);
    QVERIFY(!model->index(rowOf(model, later.id), 0).data(WaitlistModel::FitsRole).toBool());
    const WaitlistModel::Row chosen = model->rows().at(row);
    QVERIFY(chosen.offer);
    QCOMPARE(chosen.offer->staffId, line.staffId);
    QCOMPARE(chosen.offer->startsAt, visit->startsAt());
    QVERIFY(!model->index(row, WaitlistModel::FreeSlotColumn).data().toString().isEmpty());

    // Select the highlighted entry, offer the slot.
    QVERIFY(!offer->isEnabled());
    view->scrollTo(model->index(row, 0));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                      view->visualRect(model->index(row, 0)).center());
    QVERIFY(offer->isEnabled());
    QTest::mouseClick(offer, Qt::LeftButton);
    QTRY_COMPARE(rowOf(model, fitting.id), -1);
    QVERIFY(rowOf(model, later.id) >= 0);

    // Both in the book as chairside-cli exports it.
    const QJsonObject exported =
            QJsonDocument::fromJson(CliRunner(m_book->dir()).exportStore()).object();
    QVERIFY2(!exported.isEmpty(), "chairside-cli export printed JSON");
    bool inWaitlist = false;
    for (const QJsonValue &value : exported.value(QStringLiteral("waitlist")).toArray())
        inWaitlist = inWaitlist || value[QStringLiteral("id")].toString() == fitting.id;
    QVERIFY(!inWaitlist);
    int booked = 0;
    for (const QJsonValue &value : exported.value(QStringLiteral("appointments")).toArray()) {
        const Appointment a = Appointment::fromJson(value.toObject());
        if (a.clientId == clientId && a.startsAt() == visit->startsAt()
            && a.status == AppointmentStatus::Booked) {
            QCOMPARE(a.lines.size(), 1);
            QCOMPARE(a.lines.constFirst().serviceId, line.serviceId);
            QCOMPARE(a.lines.constFirst().staffId, line.staffId);
            ++booked;
        }
    }
    QCOMPARE(booked, 1);
    // Booked, the time is no longer free: nothing else is offered it.
    for (const WaitlistModel::Row &r : model->rows())
        QVERIFY(!r.offer || r.offer->startsAt != visit->startsAt()
                || r.offer->staffId != line.staffId);
}

void TestWaitlistPanel::nothingFreedNothingHighlighted()
{
    Store &store = m_book->store();
    MainWindow window(&store);
    window.showDate(DemoBook::Day);
    window.findChild<QDockWidget *>(QStringLiteral("waitlistDock"))->show();
    WaitlistPanel *panel = window.waitlistPanel();
    QVERIFY(panel);
    window.show(); // the list is read as it shows
    QAbstractItemModelTester tester(panel->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(panel->model()->rowCount(), int(VALUE_OF(store.waitlist(m_book->salon.id)).size()));
    QVERIFY(panel->model()->rowCount() > 0);
    QCOMPARE(panel->model()->fittingCount(), 0);

    // A new booking frees nothing.
    const std::optional<Appointment> visit = visitToCancel();
    QVERIFY(visit);
    Appointment copy = *visit;
    copy.notes = QStringLiteral("Running late");
    QVERIFY(store.save(copy).ok());
    QCOMPARE(panel->model()->fittingCount(), 0);
}

void TestWaitlistPanel::hiddenListIsReadWhenShown()
{
    // A start does not make the hidden waitlist before the day has painted
    // (a table view: 4% of a cold start) nor read it; it is there when
    // shown, with what changed while it was hidden.
    Store &store = m_book->store();
    MainWindow window(&store);
    window.showDate(DemoBook::Day);
    QVERIFY(!window.findChild<WaitlistPanel *>(QStringLiteral("waitlistPanel")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    WaitlistPanel *panel = nullptr;
    QTRY_VERIFY((panel = window.findChild<WaitlistPanel *>(QStringLiteral("waitlistPanel"))));
    auto *dock = window.findChild<QDockWidget *>(QStringLiteral("waitlistDock"));
    QVERIFY(dock);
    QCOMPARE(dock->widget(), panel);
    QVERIFY(!dock->isVisible());
    QCOMPARE(panel->model()->rowCount(), 0);
    const std::optional<Appointment> visit = visitToCancel();
    QVERIFY(visit);
    const QDate day = DemoBook::Day.addDays(40); // far off: no freed time fits it
    const WaitlistEntry added = addEntry(visit->clientId, visit->lines.constFirst(), day, day);
    QCOMPARE(panel->model()->rowCount(), 0);

    window.findChild<QAction *>(QStringLiteral("waitlistAction"))->trigger();
    QVERIFY(dock->isVisible());
    QCOMPARE(panel->model()->rowCount(), int(VALUE_OF(store.waitlist(m_book->salon.id)).size()));
    QVERIFY(rowOf(panel->model(), added.id) >= 0);
    QCOMPARE(panel->model()->fittingCount(), 0);
}

void TestWaitlistPanel::hiddenPanelComesUpWithFreedTime()
{
    // Hidden, the panel still watches: freed time that fits someone
    // brings it up with the slot offered.
    Store &store = m_book->store();
    const std::optional<Appointment> visit = visitToCancel();
    QVERIFY(visit);
    const QDate day = DemoBook::Day.addDays(1);
    QString clientId;
    for (const Client &client : VALUE_OF(store.clients(m_book->salon.id))) {
        if (client.id != visit->clientId)
            clientId = client.id;
    }
    const WaitlistEntry fitting = addEntry(clientId, visit->lines.constFirst(), day, day);
    MainWindow window(&store);
    window.showDate(DemoBook::Day);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Made after the first paint, unasked: it watches from then on.
    WaitlistPanel *panel = nullptr;
    QTRY_VERIFY((panel = window.findChild<WaitlistPanel *>(QStringLiteral("waitlistPanel"))));
    auto *dock = window.findChild<QDockWidget *>(QStringLiteral("waitlistDock"));
    QVERIFY(dock);
    QVERIFY(!dock->isVisible());

    QVERIFY(AppointmentBook(store).cancel(visit->id, QStringLiteral("tst")).ok());
    QTRY_VERIFY(dock->isVisible());
    const int row = rowOf(panel->model(), fitting.id);
    QVERIFY(row >= 0);
    QVERIFY(panel->model()->index(row, 0).data(WaitlistModel::FitsRole).toBool());
    QCOMPARE(panel->model()->rowCount(), int(VALUE_OF(store.waitlist(m_book->salon.id)).size()));
}

void TestWaitlistPanel::entryGoneMeanwhileBooksNothing()
{
    // Another desk took the client off the list between the highlight and
    // the offer: the booking is taken back, so the book has neither.
    Store &store = m_book->store();
    const std::optional<Appointment> visit = visitToCancel();
    QVERIFY(visit);
    const QDate day = DemoBook::Day.addDays(1);
    const WaitlistEntry entry = addEntry(VALUE_OF(store.clients(m_book->salon.id)).constFirst().id,
                                         visit->lines.constFirst(), day, day);
    AppointmentBook book(store);
    QVERIFY(book.cancel(visit->id, QStringLiteral("tst")).ok());
    const std::optional<FreedTime> freed = WaitlistOffers::freedBy(
            Change{Entity::Appointment, Change::Op::Upserted, visit->id, m_book->salon.id,
                   visit->startsAt(), visit->endsAt(), visit->startsAt(), visit->endsAt()},
            VALUE_OF(store.appointment(visit->id)));
    QVERIFY(freed);
    WaitlistOffers offers(store);
    const Result<QList<WaitlistOffer>> found = offers.offersFor(m_book->salon.id, {*freed});
    QVERIFY(found.ok());
    const auto it = std::find_if(found->cbegin(), found->cend(),
                                 [&](const WaitlistOffer &o) { return o.entry.id == entry.id; });
    QVERIFY(it != found->cend());
    const qint64 before =
            VALUE_OF(store.appointments(m_book->salon.id, freed->startsAt, freed->endsAt)).size();

    QVERIFY(store.remove(Entity::WaitlistEntry, entry.id).ok());
    const qint64 outboxBefore = VALUE_OF(store.outboxCount());
    const Result<QList<Appointment>> booked = offers.offer(*it, QStringLiteral("tst"));
    QVERIFY(!booked.ok());
    QCOMPARE(booked.error().code, Error::Code::NotFound);
    QVERIFY2(booked.error().message.contains(QStringLiteral("not booked")),
             qPrintable(booked.error().message));
    QCOMPARE(VALUE_OF(store.appointments(m_book->salon.id, freed->startsAt, freed->endsAt)).size(),
             before);
    // One transaction: nothing was written and taken back, so nothing is
    // queued for the server either.
    QCOMPARE(VALUE_OF(store.outboxCount()), outboxBefore);
}

QTEST_MAIN(TestWaitlistPanel)
#include "tst_waitlistpanel.moc"
