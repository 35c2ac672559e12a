// The client card, driven through the real main window: found by name,
// opened from a visit in the day view, exactly the client's visits (to come,
// past, with a deposit), and notes and the patch-test date saved to the store.

#include "clientcard.h"
#include "clientvisitsmodel.h"
#include "dayview.h"
#include "demobook.h"
#include "mainwindow.h"

#include "booking/appointmentbook.h"
#include "booking/patchtest.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDateEdit>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSet>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

QStringList idsOf(const QAbstractItemModel *model)
{
    QStringList ids;
    for (int row = 0; row < model->rowCount(); ++row)
        ids.append(model->index(row, 0).data(ClientVisitsModel::AppointmentIdRole).toString());
    return ids;
}

} // namespace

class TestClientCard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void showsExactlyTheClientsVisits();
    void clickingAVisitOpensTheCard();
    void dayShowsEachVisitsClient();
    void cardMadeWhenFirstShown();
    void savesNotesAndPatchTestDate();
    void showsVisitsNeedingAPatchTest();

private:
    // The client with the most visits on both sides of now (and a deposit
    // where the demo has one).
    Client busyClient();
    // Types the name into the search field and picks the client from the
    // list found, by mouse or with Down and Enter.
    void openCardBySearch(MainWindow &window, const Client &client, bool keyboard = false);

    std::unique_ptr<DemoBook> m_book;
};

void TestClientCard::initTestCase()
{
    m_book = std::make_unique<DemoBook>();
    const QString error = m_book->open();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

Client TestClientCard::busyClient()
{
    Store &store = m_book->store();
    const qint64 now = m_book->clock.secondsNow();
    QHash<QString, int> past;
    QHash<QString, int> upcoming;
    QHash<QString, int> deposits;
    for (const Appointment &a : VALUE_OF(
                 store.appointments(m_book->salon.id, Store::earliestInstant, Store::latestInstant),
                 {})) {
        if (a.clientId.isEmpty())
            continue;
        ++(a.startsAt() >= now ? upcoming : past)[a.clientId];
        if (a.depositCents > 0)
            ++deposits[a.clientId];
    }
    Client best;
    int bestScore = -1;
    for (const Client &client : VALUE_OF(store.clients(m_book->salon.id), {})) {
        if (!past.contains(client.id) || !upcoming.contains(client.id))
            continue;
        const int score =
                past.value(client.id) + upcoming.value(client.id) + 100 * deposits.value(client.id);
        if (score > bestScore) {
            best = client;
            bestScore = score;
        }
    }
    return best;
}

void TestClientCard::openCardBySearch(MainWindow &window, const Client &client, bool keyboard)
{
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    auto *dock = window.findChild<QDockWidget *>(QStringLiteral("clientCardDock"));
    auto *search = window.findChild<QLineEdit *>(QStringLiteral("clientSearchField"));
    auto *results = window.findChild<QListView *>(QStringLiteral("clientSearchResults"));
    QVERIFY(dock && search && results);
    QVERIFY(dock->isVisible());
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, client.name);
    QTRY_VERIFY(results->isVisible());
    int found = -1;
    for (int row = 0; row < results->model()->rowCount(); ++row) {
        const QString text = results->model()->index(row, 0).data().toString();
        if (text.startsWith(client.name) && (client.phone.isEmpty() || text.contains(client.phone)))
            found = row;
    }
    QVERIFY2(found >= 0, qPrintable(client.name));
    const QModelIndex index = results->model()->index(found, 0);
    if (keyboard) {
        QTest::keyClick(search, Qt::Key_Down);
        QVERIFY(results->hasFocus());
        for (int row = 0; row < found; ++row)
            QTest::keyClick(results, Qt::Key_Down);
        QCOMPARE(results->currentIndex(), index);
        QTest::keyClick(results, Qt::Key_Return);
    } else {
        QTest::mouseClick(results->viewport(), Qt::LeftButton, {},
                          results->visualRect(index).center());
    }
    QTRY_COMPARE(window.clientCard()->clientId(), client.id);
}

void TestClientCard::showsExactlyTheClientsVisits()
{
    const Client client = busyClient();
    QVERIFY2(!client.id.isEmpty(), "the demo has clients with past and booked visits");
    MainWindow window(&m_book->store());
    window.showDate(DemoBook::Day);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    ClientCard *card = window.clientCard();
    QAbstractItemModelTester upcomingTester(card->upcomingModel(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester pastTester(card->pastModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester depositTester(card->depositsModel(),
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
    openCardBySearch(window, client);
    if (QTest::currentTestFailed())
        return;

    // What the store holds for this client, worked out here.
    const qint64 now = m_book->clock.secondsNow();
    QList<Appointment> upcoming;
    QList<Appointment> past;
    QStringList deposits;
    for (const Appointment &a : VALUE_OF(m_book->store().appointments(
                 m_book->salon.id, Store::earliestInstant, Store::latestInstant))) {
        if (a.clientId != client.id)
            continue;
        (a.startsAt() >= now ? upcoming : past).append(a);
    }
    auto byStart = [](const Appointment &a, const Appointment &b) {
        return a.startsAt() < b.startsAt();
    };
    std::sort(upcoming.begin(), upcoming.end(), byStart);
    std::sort(past.begin(), past.end(), byStart);
    std::reverse(past.begin(), past.end());
    QStringList upcomingIds;
    for (const Appointment &a : upcoming)
        upcomingIds.append(a.id);
    QStringList pastIds;
    for (const Appointment &a : past) {
        pastIds.append(a.id);
    }
    for (const Appointment &a : upcoming + past) {
        if (a.depositCents > 0)
            deposits.append(a.id);
    }

    auto *upcomingView = window.findChild<QTableView *>(QStringLiteral("upcomingVisitsView"));
    auto *pastView = window.findChild<QTableView *>(QStringLiteral("pastVisitsView"));
    auto *depositsView = window.findChild<QTableView *>(QStringLiteral("depositsView"));
    QVERIFY(upcomingView && pastView && depositsView);
    QCOMPARE(idsOf(upcomingView->model()), upcomingIds);
    QCOMPARE(idsOf(pastView->model()), pastIds);
    QStringList shownDeposits = idsOf(depositsView->model());
    std::sort(shownDeposits.begin(), shownDeposits.end());
    std::sort(deposits.begin(), deposits.end());
    QCOMPARE(shownDeposits, deposits);

    // Each row says when, what and with whom as the store has it.
    const Appointment first = upcoming.constFirst();
    const QModelIndex row = upcomingView->model()->index(0, 0);
    QVERIFY(!row.siblingAtColumn(ClientVisitsModel::DateColumn).data().toString().isEmpty());
    QVERIFY(!row.siblingAtColumn(ClientVisitsModel::ServicesColumn).data().toString().isEmpty());
    QVERIFY(!row.siblingAtColumn(ClientVisitsModel::StylistColumn).data().toString().isEmpty());
    QCOMPARE(row.siblingAtColumn(ClientVisitsModel::StatusColumn).data().toString(),
             ClientVisitsModel::statusText(first.status));
    // The patch-test column takes room from the services only when it has
    // something to say.
    bool warned = false;
    for (int r = 0; r < upcomingView->model()->rowCount(); ++r) {
        warned = warned
                || !upcomingView->model()
                            ->index(r, ClientVisitsModel::PatchTestColumn)
                            .data()
                            .toString()
                            .isEmpty();
    }
    QCOMPARE(upcomingView->isColumnHidden(ClientVisitsModel::PatchTestColumn), !warned);

    // Cancelled while the card is closed (Ctrl+K), it says so when opened again.
    QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(!window.findChild<QDockWidget *>(QStringLiteral("clientCardDock"))->isVisible());
    QVERIFY(AppointmentBook(m_book->store()).cancel(first.id, QStringLiteral("tst")).ok());
    QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
    QTRY_COMPARE(upcomingView->model()->index(0, ClientVisitsModel::StatusColumn).data().toString(),
                 ClientVisitsModel::statusText(AppointmentStatus::Cancelled));
    QCOMPARE(idsOf(upcomingView->model()), upcomingIds);

    auto *name = window.findChild<QLabel *>(QStringLiteral("clientNameLabel"));
    auto *noShows = window.findChild<QLabel *>(QStringLiteral("noShowLabel"));
    QVERIFY(name && noShows);
    QCOMPARE(name->text(), client.name);
    QVERIFY2(client.noShowCount == 0
                     ? noShows->text() == QStringLiteral("No no-shows")
                     : noShows->text().startsWith(QString::number(client.noShowCount)),
             qPrintable(noShows->text()));
}

void TestClientCard::clickingAVisitOpensTheCard()
{
    MainWindow window(&m_book->store());
    window.resize(1400, 900);
    window.showDate(DemoBook::Day);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    DayView *view = window.dayView();
    int column = -1;
    int block = -1;
    for (int c = 0; c < view->columnCount() && column < 0; ++c) {
        const QList<DaySheet::Block> &blocks = view->sheet().columns.at(c).blocks;
        for (int b = 0; b < blocks.size() && column < 0; ++b) {
            if (!blocks.at(b).clientName.isEmpty()) {
                column = c;
                block = b;
            }
        }
    }
    QVERIFY(column >= 0);
    const QString appointmentId = view->sheet().columns.at(column).blocks.at(block).appointmentId;
    auto *scroll = window.findChild<QScrollArea *>(QStringLiteral("dayScrollArea"));
    QVERIFY(scroll);
    const QRect rect = view->blockRect(column, block);
    scroll->ensureVisible(rect.center().x(), rect.center().y());
    QTest::mouseClick(view, Qt::LeftButton, {}, rect.center());
    auto *dock = window.findChild<QDockWidget *>(QStringLiteral("clientCardDock"));
    QVERIFY(dock);
    QTRY_VERIFY(dock->isVisible());
    QCOMPARE(window.clientCard()->clientId(),
             VALUE_OF(m_book->store().appointment(appointmentId))->clientId);
    QVERIFY(idsOf(window.clientCard()->upcomingModel()).contains(appointmentId)
            || idsOf(window.clientCard()->pastModel()).contains(appointmentId));
}

// The day reads its clients' names in one read: each block still shows the
// name of its own visit's client (and a visit without one shows none).
void TestClientCard::dayShowsEachVisitsClient()
{
    MainWindow window(&m_book->store());
    window.showDate(DemoBook::Day);
    const DaySheet &sheet = window.dayView()->sheet();
    QSet<QString> names;
    int blocks = 0;
    for (const DaySheet::Column &column : sheet.columns) {
        for (const DaySheet::Block &block : column.blocks) {
            const std::optional<Appointment> visit =
                    VALUE_OF(m_book->store().appointment(block.appointmentId));
            QVERIFY(visit);
            const Appointment &a = *visit;
            const QString expected = a.clientId.isEmpty()
                    ? QString()
                    : VALUE_OF(m_book->store().client(a.clientId))->name;
            QCOMPARE(block.clientName, expected);
            names.insert(block.clientName);
            ++blocks;
        }
    }
    QVERIFY2(blocks > 10 && names.size() > 5, "the demo day has visits of several clients");
}

// The card is made when first shown, not with the window; then it is the
// dock's and follows the salon.
void TestClientCard::cardMadeWhenFirstShown()
{
    MainWindow window(&m_book->store());
    window.showDate(DemoBook::Day);
    QVERIFY(!window.findChild<ClientCard *>());
    window.findChild<QAction *>(QStringLiteral("clientCardAction"))->trigger();
    auto *card = window.findChild<ClientCard *>(QStringLiteral("clientCard"));
    QVERIFY(card);
    QCOMPARE(window.clientCard(), card);
    QCOMPARE(window.findChild<QDockWidget *>(QStringLiteral("clientCardDock"))->widget(), card);
}

void TestClientCard::savesNotesAndPatchTestDate()
{
    const Client client = busyClient();
    MainWindow window(&m_book->store());
    window.showDate(DemoBook::Day);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    openCardBySearch(window, client, true);
    if (QTest::currentTestFailed())
        return;
    auto *notes = window.findChild<QPlainTextEdit *>(QStringLiteral("clientNotesEdit"));
    auto *patchTest = window.findChild<QDateEdit *>(QStringLiteral("patchTestDateEdit"));
    auto *save = window.findChild<QPushButton *>(QStringLiteral("saveClientButton"));
    auto *never = window.findChild<QToolButton *>(QStringLiteral("clearPatchTestButton"));
    QVERIFY(notes && patchTest && save && never);
    QCOMPARE(notes->toPlainText(), client.notes);
    QVERIFY(!save->isEnabled());

    const QString newNotes = QStringLiteral("Allergic to PPD. Prefers Tuesdays.");
    notes->setFocus();
    QTest::keyClick(notes, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(notes, newNotes);
    // The date as typed in the field: select the day section and type over it.
    const QDate tested(2026, 11, 20);
    patchTest->setFocus();
    patchTest->setDate(QDate(2026, 11, 1));
    patchTest->setSelectedSection(QDateTimeEdit::DaySection);
    QTest::keyClicks(patchTest, QStringLiteral("20"));
    QCOMPARE(patchTest->date(), tested);
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);

    std::optional<Client> saved = VALUE_OF(m_book->store().client(client.id));
    QVERIFY(saved);
    QCOMPARE(saved->notes, newNotes);
    QCOMPARE(saved->patchTestDate, tested);
    QCOMPARE(saved->name, client.name); // the rest of the client as it was
    QCOMPARE(saved->phone, client.phone);
    QVERIFY(!save->isEnabled());
    QCOMPARE(notes->toPlainText(), newNotes);

    // "Never tested" clears the date.
    QTest::mouseClick(never, Qt::LeftButton);
    QTest::mouseClick(save, Qt::LeftButton);
    saved = VALUE_OF(m_book->store().client(client.id));
    QVERIFY(!saved->patchTestDate.isValid());
    QCOMPARE(saved->notes, newNotes);

    // Both edits are on the undo stack: undone, the client is as before;
    // redone, as saved. Each is a new write (it reaches the outbox).
    QUndoStack *undo = window.undoStack();
    QCOMPARE(undo->count(), 2);
    const qint64 outboxBefore = VALUE_OF(m_book->store().outboxCount());
    undo->undo();
    QCOMPARE(VALUE_OF(m_book->store().client(client.id))->patchTestDate, tested);
    undo->undo();
    saved = VALUE_OF(m_book->store().client(client.id));
    QCOMPARE(saved->notes, client.notes);
    QCOMPARE(saved->patchTestDate, client.patchTestDate);
    QCOMPARE(VALUE_OF(m_book->store().outboxCount()), outboxBefore + 2);
    QTRY_COMPARE(notes->toPlainText(), client.notes); // the open card follows
    undo->redo();
    undo->redo();
    saved = VALUE_OF(m_book->store().client(client.id));
    QCOMPARE(saved->notes, newNotes);
    QVERIFY(!saved->patchTestDate.isValid());
}

void TestClientCard::showsVisitsNeedingAPatchTest()
{
    // A client with a visit to come that includes a colour service, which
    // needs a patch test at least 48 hours and at most 180 days before.
    Store &store = m_book->store();
    Salon salon = *VALUE_OF(store.salon(m_book->salon.id));
    salon.patchTestMinHours = 48;
    salon.patchTestMaxDays = 180;
    QVERIFY(store.save(salon).ok());
    const qint64 now = m_book->clock.secondsNow();
    QHash<QString, Service> services;
    for (const Service &service : VALUE_OF(store.services(m_book->salon.id)))
        services.insert(service.id, service);
    std::optional<Appointment> visit;
    for (const Appointment &a : VALUE_OF(store.appointments(
                 m_book->salon.id, now, m_book->at(DemoBook::Day.addDays(7), QTime(0, 0))))) {
        if (!visit && !a.clientId.isEmpty() && holdsTime(a.status) && a.startsAt() >= now)
            visit = a;
    }
    QVERIFY(visit);
    Service colour = services.value(visit->lines.constFirst().serviceId);
    colour.needsPatchTest = true;
    QVERIFY(store.save(colour).ok());
    services.insert(colour.id, colour);
    Client client = *VALUE_OF(store.client(visit->clientId));
    client.patchTestDate = QDate();
    QVERIFY(store.save(client).ok());

    MainWindow window(&store);
    window.showDate(DemoBook::Day);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    openCardBySearch(window, client);
    if (QTest::currentTestFailed())
        return;

    // Exactly the upcoming visits the rule warns about are marked.
    auto *view = window.findChild<QTableView *>(QStringLiteral("upcomingVisitsView"));
    auto *warning = window.findChild<QLabel *>(QStringLiteral("patchTestWarningLabel"));
    QVERIFY(view && warning);
    QVERIFY(!view->isColumnHidden(ClientVisitsModel::PatchTestColumn));
    auto marked = [&] {
        QStringList ids;
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            const QModelIndex index = view->model()->index(row, ClientVisitsModel::PatchTestColumn);
            if (!index.data().toString().isEmpty())
                ids.append(index.data(ClientVisitsModel::AppointmentIdRole).toString());
        }
        return ids;
    };
    auto expected = [&](const Client &who) {
        QStringList ids;
        for (const ClientHistory::Visit &v : window.clientCard()->upcomingModel()->visits()) {
            QList<Service> list;
            for (const QString &id : v.serviceIds)
                list.append(services.value(id));
            if (holdsTime(v.status) && PatchTest::warning(salon, who, list, v.startsAt))
                ids.append(v.appointmentId);
        }
        return ids;
    };
    QVERIFY(marked().contains(visit->id));
    QCOMPARE(marked(), expected(client));
    QVERIFY(warning->isVisible());

    // A patch test a week before Day covers them all.
    auto *patchTest = window.findChild<QDateEdit *>(QStringLiteral("patchTestDateEdit"));
    auto *save = window.findChild<QPushButton *>(QStringLiteral("saveClientButton"));
    patchTest->setDate(DemoBook::Day.addDays(-7));
    QTest::mouseClick(save, Qt::LeftButton);
    client = *VALUE_OF(store.client(client.id));
    QCOMPARE(client.patchTestDate, DemoBook::Day.addDays(-7));
    QCOMPARE(marked(), expected(client));
    QVERIFY(!marked().contains(visit->id));
    QCOMPARE(view->isColumnHidden(ClientVisitsModel::PatchTestColumn), marked().isEmpty());
}

QTEST_MAIN(TestClientCard)
#include "tst_clientcard.moc"
