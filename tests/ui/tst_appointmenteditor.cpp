#include "appointmenteditor.h"
#include "clientsearchmodel.h"
#include "dayview.h"
#include "demobook.h"
#include "fielderror.h"
#include "mainwindow.h"
#include "slotfinder.h"
#include "testsupport.h"

#include "booking/appointmentbook.h"
#include "domain/salontime.h"
#include "store/storearchive.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>
#include <QTimeEdit>

#include <cmath>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

const QDate Day = DemoBook::Day;

template <typename T>
T *child(QWidget *parent, const char *name)
{
    T *widget = parent->findChild<T *>(QString::fromLatin1(name));
    if (!widget)
        qWarning("no %s", name);
    return widget;
}

// The labels under the fields; each test says which one must speak.
const QStringList ErrorLabels = {
        QStringLiteral("clientError"),  QStringLiteral("servicesError"),
        QStringLiteral("timeError"),    QStringLiteral("notesError"),
        QStringLiteral("depositError"), QStringLiteral("repeatError"),
};

QStringList visibleErrors(QWidget *editor)
{
    QStringList shown;
    for (const QString &name : ErrorLabels) {
        auto *label = editor->findChild<FieldError *>(name);
        if (label && label->isVisible() && !label->text().isEmpty())
            shown.append(name);
    }
    return shown;
}

// Typed key by key; QTest::keyClicks only knows ASCII.
void typeText(QWidget *widget, const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 128)
            QTest::keyClicks(widget, QString(c));
        else
            QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, QString(c), Qt::NoModifier);
    }
}

// On the box itself: a check box takes clicks on its box and text only.
void clickBox(QCheckBox *box)
{
    QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(8, box->height() / 2));
}

bool selectData(QComboBox *combo, const QString &data)
{
    const int index = combo->findData(data);
    if (index < 0)
        return false;
    combo->setCurrentIndex(index);
    return true;
}

} // namespace

class TestAppointmentEditor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void ctrlNOpensTheEditor();
    void errorsAreRedOnLightAndDark();
    void freeTimeOpensTheEditorPrefilled();
    void ctrlNSearchesClients();
    void patchTestIsWarnedNotRefused();
    void aValidBookingIsBooked();
    void errorsNextToTheField_data();
    void errorsNextToTheField();
    void clientSearchAsYouType_data();
    void clientSearchAsYouType();
    void addClientWithoutLeaving();
    void newClientNeedsAName();
    void anyoneIsTheFirstFreeStylist();
    void slotFinderTakesASlot();
    void slotFinderFollowsTheServices();
    void standingRepeatPreviewNamesTheDate();
    void modelsPassTheTester();
    void rebookOpensTheFinderWeeksOut();
    void noRebookWithoutAnInterval();
    void freeHintCountsTheStylistsTime();

private:
    AppointmentEditor *openEditor();
    void fillValid(AppointmentEditor *editor);
    QByteArray exported() const;
    // A short busy-only service, a stylist who does it and a start where
    // they are free on Day.
    Service m_service;
    Slot m_free;
    Client m_client;

    DemoBook m_book;
    std::unique_ptr<MainWindow> m_window;
};

void TestAppointmentEditor::initTestCase()
{
    const QString error = m_book.open();
    QVERIFY2(error.isEmpty(), qPrintable(error));

    // A client with an accent and a phone with spaces, to find as typed.
    m_client.id = QStringLiteral("client-zoe");
    m_client.salonId = m_book.salon.id;
    m_client.name = QStringLiteral("Zoë Ångström");
    m_client.phone = QStringLiteral("07700 900 123");
    QVERIFY(m_book.store().save(m_client).ok());

    for (const Service &service : VALUE_OF(m_book.store().services(m_book.salon.id))) {
        if (service.active && service.segments.size() == 1
            && service.segments.constFirst().kind == SegmentKind::Busy) {
            m_service = service;
            break;
        }
    }
    QVERIFY(!m_service.id.isEmpty());
    AppointmentBook book(m_book.store());
    const Result<QList<Slot>> free =
            book.freeSlots(m_book.salon.id, {{m_service.id}, {}}, m_book.at(Day, QTime(10, 0)),
                           m_book.at(Day, QTime(18, 0)), 15, 1);
    QVERIFY(free.ok() && !free->isEmpty());
    m_free = free->constFirst();
}

void TestAppointmentEditor::init()
{
    m_window = std::make_unique<MainWindow>(&m_book.store());
    m_window->showDate(Day);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestAppointmentEditor::cleanup()
{
    m_window.reset();
}

AppointmentEditor *TestAppointmentEditor::openEditor()
{
    // The window's keys reach it only while it is the active one (an editor
    // closed just before may have left no window active).
    m_window->activateWindow();
    if (!QTest::qWaitForWindowActive(m_window.get()))
        return nullptr;
    QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier);
    auto *editor = m_window->findChild<AppointmentEditor *>(QStringLiteral("appointmentEditor"));
    if (editor && !QTest::qWaitForWindowExposed(editor))
        return nullptr;
    return editor;
}

QByteArray TestAppointmentEditor::exported() const
{
    return QJsonDocument(StoreArchive::toJson(VALUE_OF(m_book.store().contents(), {})))
            .toJson(QJsonDocument::Compact);
}

// Client by typing their name, the service, the stylist and a free start.
void TestAppointmentEditor::fillValid(AppointmentEditor *editor)
{
    auto *search = child<QLineEdit>(editor, "clientSearchEdit");
    QVERIFY(search);
    search->clear();
    QTest::keyClicks(search, QStringLiteral("zoe ang"));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(editor->clientId(), m_client.id);
    QVERIFY(selectData(child<QComboBox>(editor, "serviceCombo0"), m_service.id));
    QVERIFY(selectData(child<QComboBox>(editor, "stylistCombo0"), m_free.staffId));
    editor->setStart(m_free.startsAt);
    QVERIFY2(visibleErrors(editor).isEmpty(), qPrintable(visibleErrors(editor).join(u',')));
    QVERIFY(child<QPushButton>(editor, "bookButton")->isEnabled());
}

void TestAppointmentEditor::ctrlNOpensTheEditor()
{
    AppointmentEditor *editor = openEditor();
    QVERIFY(editor);
    QVERIFY(editor->isVisible());
    // Nothing filled in: the client and the service are asked for, nothing else.
    QCOMPARE(visibleErrors(editor),
             QStringList({QStringLiteral("clientError"), QStringLiteral("servicesError")}));
    QCOMPARE(child<FieldError>(editor, "clientError")->text(),
             QStringLiteral("Choose a client, or book the visit as a walk-in."));
    QVERIFY(!child<QPushButton>(editor, "bookButton")->isEnabled());
    // Every control says what it is to a screen reader.
    for (QWidget *w : editor->findChildren<QWidget *>()) {
        if (qobject_cast<QLineEdit *>(w) && qobject_cast<QAbstractSpinBox *>(w->parentWidget()))
            continue; // a spin box's own line edit
        if (qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractButton *>(w)
            || qobject_cast<QLineEdit *>(w) || qobject_cast<QAbstractSpinBox *>(w)
            || qobject_cast<QAbstractItemView *>(w) || qobject_cast<QPlainTextEdit *>(w)) {
            if (qobject_cast<QAbstractButton *>(w) && w->parentWidget()
                && w->parentWidget()->inherits("QLineEdit"))
                continue; // the clear button inside a line edit
            QVERIFY2(!w->accessibleName().isEmpty() || w->inherits("QCalendarWidget")
                             || w->objectName().startsWith(QLatin1String("qt_")),
                     qPrintable(QStringLiteral("%1 %2").arg(
                             QString::fromLatin1(w->metaObject()->className()), w->objectName())));
        }
    }
}

void TestAppointmentEditor::errorsAreRedOnLightAndDark()
{
    AppointmentEditor *editor = openEditor();
    QVERIFY(editor);
    auto *error = child<FieldError>(editor, "clientError");
    QVERIFY(error->isVisible());
    // WCAG contrast of the error text against the window behind it.
    auto luminance = [](const QColor &c) {
        auto channel = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF())
                + 0.0722 * channel(c.blueF());
    };
    auto contrast = [&](const QColor &a, const QColor &b) {
        const double la = luminance(a);
        const double lb = luminance(b);
        return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
    };
    for (const QColor &window : {QColor(Qt::white), QColor(0xef, 0xef, 0xef),
                                 QColor(0x2b, 0x2b, 0x2b), QColor(Qt::black)}) {
        QPalette palette = editor->palette();
        palette.setColor(QPalette::Window, window);
        palette.setColor(QPalette::WindowText, window.lightness() < 128 ? Qt::white : Qt::black);
        editor->setPalette(palette);
        const QColor text = error->palette().color(QPalette::WindowText);
        QVERIFY2(text.red() > text.green() + 40, qPrintable(text.name())); // red
        QVERIFY2(contrast(text, window) >= 4.5,
                 qPrintable(QStringLiteral("%1 on %2: %3")
                                    .arg(text.name(), window.name())
                                    .arg(contrast(text, window))));
    }
}

void TestAppointmentEditor::freeTimeOpensTheEditorPrefilled()
{
    // What the day view asks for when the desk clicks a stylist's free time.
    AppointmentEditor *editor = m_window->newAppointment(m_free.staffId, m_free.startsAt, 45);
    QVERIFY(editor);
    QTRY_VERIFY(editor->isVisible());
    QCOMPARE(editor->startsAt(), m_free.startsAt);
    QCOMPARE(child<QComboBox>(editor, "stylistCombo0")->currentData().toString(), m_free.staffId);
    // "minute(s)" until the English plural forms are filled in, "minutes" after.
    QVERIFY(child<QLabel>(editor, "freeTimeHint")->text().startsWith(QStringLiteral("45 minute")));
    QVERIFY(QTest::qWaitForWindowActive(editor));
    QTRY_VERIFY(child<QLineEdit>(editor, "clientSearchEdit")->hasFocus());
}

void TestAppointmentEditor::ctrlNSearchesClients()
{
    // A new appointment starts in the client search (Ctrl+F finds a client's
    // card instead: tst_clientcard).
    QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier);
    auto *editor = m_window->findChild<AppointmentEditor *>(QStringLiteral("appointmentEditor"));
    QVERIFY(editor);
    QVERIFY(QTest::qWaitForWindowActive(editor));
    auto *search = child<QLineEdit>(editor, "clientSearchEdit");
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("zoe"));
    QCOMPARE(search->text(), QStringLiteral("zoe"));
    auto *list = child<QListView>(editor, "clientList");
    QVERIFY(list->isVisible());
    QVERIFY(list->model()->rowCount() >= 1);
}

void TestAppointmentEditor::patchTestIsWarnedNotRefused()
{
    Service colour = m_service;
    colour.needsPatchTest = true;
    QVERIFY(m_book.store().save(colour).ok());
    {
        AppointmentEditor *editor = openEditor();
        QVERIFY(editor);
        fillValid(editor); // Zoë has never had a patch test
        auto *warning = child<FieldError>(editor, "patchTestWarning");
        QVERIFY(warning->isVisible());
        QVERIFY(!warning->text().isEmpty());
        QVERIFY(child<QPushButton>(editor, "bookButton")->isEnabled());
        editor->reject();
        QTRY_VERIFY(!m_window->findChild<AppointmentEditor *>(QStringLiteral("appointmentEditor")));
    }
    // A test a week before the visit covers it.
    Client tested = m_client;
    tested.patchTestDate = Day.addDays(-7);
    QVERIFY(m_book.store().save(tested).ok());
    {
        AppointmentEditor *editor = openEditor();
        QVERIFY(editor);
        fillValid(editor);
        QVERIFY(!child<FieldError>(editor, "patchTestWarning")->isVisible());
        editor->reject();
        QTRY_VERIFY(!m_window->findChild<AppointmentEditor *>(QStringLiteral("appointmentEditor")));
    }
    QVERIFY(m_book.store().save(m_client).ok());
    QVERIFY(m_book.store().save(m_service).ok());
}

void TestAppointmentEditor::aValidBookingIsBooked()
{
    AppointmentEditor *editor = openEditor();
    QVERIFY(editor);
    fillValid(editor);
    QTest::keyClicks(child<QPlainTextEdit>(editor, "notesEdit"), QStringLiteral("Fringe short"));
    child<QDoubleSpinBox>(editor, "depositSpin")->setValue(12.5);
    QTest::mouseClick(child<QPushButton>(editor, "bookButton"), Qt::LeftButton);
    QTRY_VERIFY(!editor || !editor->isVisible());

    const QList<Appointment> booked = VALUE_OF(m_book.store().appointments(
            m_book.salon.id, m_free.startsAt, m_free.startsAt + 60, m_free.staffId));
    const auto mine = std::find_if(booked.begin(), booked.end(),
                                   [&](const Appointment &a) { return a.clientId == m_client.id; });
    QVERIFY(mine != booked.end());
    QCOMPARE(mine->startsAt(), m_free.startsAt);
    QCOMPARE(mine->notes, QStringLiteral("Fringe short"));
    QCOMPARE(mine->depositCents, 1250);
    QCOMPARE(mine->lines.size(), 1);
    QCOMPARE(mine->lines.constFirst().staffId, m_free.staffId);
    QVERIFY(!mine->overbooked);
    // Not to trip the next tests.
    QVERIFY(m_book.store().remove(Entity::Appointment, mine->id).ok());
}

void TestAppointmentEditor::errorsNextToTheField_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("message"); // empty: any sentence

    QTest::addRow("no client") << "no client"
                               << "clientError"
                               << "Choose a client, or book the visit as a walk-in.";
    QTest::addRow("no service") << "no service"
                                << "servicesError"
                                << "Choose a service.";
    QTest::addRow("notes too long")
            << "notes"
            << "notesError"
            << "The notes are 10001 characters long; keep them under 10000.";
    QTest::addRow("stylist busy") << "conflict"
                                  << "timeError"
                                  << "";
    QTest::addRow("anyone, salon closed") << "closed"
                                          << "servicesError"
                                          << "";
}

void TestAppointmentEditor::errorsNextToTheField()
{
    QFETCH(QString, fault);
    QFETCH(QString, label);
    QFETCH(QString, message);

    const QByteArray before = exported();
    AppointmentEditor *editor = openEditor();
    QVERIFY(editor);
    fillValid(editor);

    if (fault == QLatin1String("no client")) {
        editor->setClient(QString());
    } else if (fault == QLatin1String("no service")) {
        child<QComboBox>(editor, "serviceCombo0")->setCurrentIndex(0);
    } else if (fault == QLatin1String("notes")) {
        child<QPlainTextEdit>(editor, "notesEdit")->setPlainText(QString(10001, QLatin1Char('x')));
    } else if (fault == QLatin1String("conflict")) {
        // Someone's visit on Day: the same stylist at the same time.
        const QList<Appointment> day = VALUE_OF(m_book.store().appointments(
                m_book.salon.id, m_book.at(Day, QTime(9, 0)), m_book.at(Day, QTime(18, 0))));
        const auto busy = std::find_if(day.begin(), day.end(), [&](const Appointment &a) {
            return holdsTime(a.status)
                    && a.lines.constFirst().segments.constFirst().kind == SegmentKind::Busy
                    && VALUE_OF(m_book.store().staff(m_book.salon.id), false).size() > 0 && [&] {
                           for (const Staff &s :
                                VALUE_OF(m_book.store().staff(m_book.salon.id), false)) {
                               if (s.id == a.lines.constFirst().staffId)
                                   return s.skillFor(m_service.id) != nullptr;
                           }
                           return false;
                       }();
        });
        QVERIFY(busy != day.end());
        QVERIFY(selectData(child<QComboBox>(editor, "stylistCombo0"),
                           busy->lines.constFirst().staffId));
        editor->setStart(busy->startsAt());
    } else if (fault == QLatin1String("closed")) {
        child<QComboBox>(editor, "stylistCombo0")->setCurrentIndex(0); // anyone
        child<QTimeEdit>(editor, "timeEdit")->setTime(QTime(23, 0));
    }

    QCOMPARE(visibleErrors(editor), QStringList{label});
    auto *error = child<FieldError>(editor, qPrintable(label));
    if (!message.isEmpty())
        QCOMPARE(error->text(), message);
    // Under its own field: the label sits below the field it speaks about.
    QVERIFY(!error->text().isEmpty());
    auto *book = child<QPushButton>(editor, "bookButton");
    QVERIFY(!book->isEnabled());
    editor->accept(); // refused, even called directly
    QVERIFY(editor->isVisible());
    QCOMPARE(exported(), before);

    if (fault == QLatin1String("conflict")) {
        // A manager may overbook knowingly, and only by ticking the box.
        auto *overbook = child<QCheckBox>(editor, "overbookCheck");
        QVERIFY(overbook->isVisible());
        // On the box itself: a check box takes clicks on its box and text only.
        QTest::mouseClick(overbook, Qt::LeftButton, {}, QPoint(8, overbook->height() / 2));
        QVERIFY(overbook->isChecked());
        QVERIFY2(book->isEnabled(), qPrintable(visibleErrors(editor).join(u',')));
        QVERIFY(editor->request().overbook);
    } else {
        QVERIFY(!child<QCheckBox>(editor, "overbookCheck")->isVisible());
    }
}

void TestAppointmentEditor::clientSearchAsYouType_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addRow("name, accents left out") << "zoe ang";
    QTest::addRow("surname with its accent") << "Ångström";
    QTest::addRow("phone digits without spaces") << "07700900";
    QTest::addRow("phone as written") << "07700 900 1";
}

void TestAppointmentEditor::clientSearchAsYouType()
{
    QFETCH(QString, typed);
    AppointmentEditor *editor = openEditor();
    QVERIFY(editor);
    auto *search = child<QLineEdit>(editor, "clientSearchEdit");
    auto *list = child<QListView>(editor, "clientList");
    auto *model = qobject_cast<ClientSearchModel *>(list->model());
    QVERIFY(model);

    // After every keystroke the list holds what the store finds for the text so far.
    for (const QChar c : typed) {
        typeText(search, QString(c));
        const QList<Client> expected =
                VALUE_OF(m_book.store().clients(m_book.salon.id, search->text(), 8));
        QCOMPARE(model->rowCount(), int(expected.size()));
        for (int row = 0; row < model->rowCount(); ++row)
            QCOMPARE(model->index(row).data(ClientSearchModel::ClientIdRole).toString(),
                     expected.at(row).id);
    }
    const int row = model->rowOf(m_client.id);
    QVERIFY(row >= 0);
    QVERIFY(list->isVisible());
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualRect(model->index(row)).center());
    QCOMPARE(editor->clientId(), m_client.id);
    QVERIFY(child<QLabel>(editor, "clientLabel")->text().contains(m_client.name));
    QVERIFY(!visibleErrors(editor).contains(QStringLiteral("clientError")));
}

void TestAppointmentEditor::addClientWithoutLeaving()
{
    const int before = int(VALUE_OF(m_book.store().clients(m_book.salon.id)).size());
    AppointmentEditor *editor = openEditor();
    QVERIFY(editor);
    typeText(child<QLineEdit>(editor, "clientSearchEdit"), QStringLiteral("Maëlle Nouvelle"));
    QTest::mouseClick(child<QPushButton>(editor, "newClientButton"), Qt::LeftButton);
    auto *name = child<QLineEdit>(editor, "newClientNameEdit");
    QVERIFY(name->isVisible());
    QCOMPARE(name->text(), QStringLiteral("Maëlle Nouvelle")); // carried over from the search
    QTest::keyClicks(child<QLineEdit>(editor, "newClientPhoneEdit"),
                     QStringLiteral("07123 456789"));
    QTest::keyClicks(child<QLineEdit>(editor, "newClientEmailEdit"),
                     QStringLiteral("maelle@example.com"));
    QTest::mouseClick(child<QPushButton>(editor, "addClientButton"), Qt::LeftButton);

    const QList<Client> found =
            VALUE_OF(m_book.store().clients(m_book.salon.id, QStringLiteral("maelle")));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.constFirst().phone, QStringLiteral("07123 456789"));
    QCOMPARE(found.constFirst().email, QStringLiteral("maelle@example.com"));
    QCOMPARE(int(VALUE_OF(m_book.store().clients(m_book.salon.id)).size()), before + 1);
    QCOMPARE(editor->clientId(), found.constFirst().id);
    QVERIFY(!name->isVisible());
    QVERIFY(!visibleErrors(editor).contains(QStringLiteral("clientError")));
    QVERIFY(m_book.store().remove(Entity::Client, found.constFirst().id).ok());
}

void TestAppointmentEditor::newClientNeedsAName()
{
    const QByteArray before = exported();
    AppointmentEditor *editor = openEditor();
    QVERIFY(editor);
    QTest::keyClicks(child<QLineEdit>(editor, "clientSearchEdit"), QStringLiteral("07999 111222"));
    QTest::mouseClick(child<QPushButton>(editor, "newClientButton"), Qt::LeftButton);
    QCOMPARE(child<QLineEdit>(editor, "newClientPhoneEdit")->text(),
             QStringLiteral("07999 111222"));
    QTest::mouseClick(child<QPushButton>(editor, "addClientButton"), Qt::LeftButton);
    auto *error = child<FieldError>(editor, "newClientError");
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("Write the client's name."));
    QVERIFY(editor->clientId().isEmpty());
    QCOMPARE(exported(), before);
}

void TestAppointmentEditor::anyoneIsTheFirstFreeStylist()
{
    // A time when several stylists are free: anyone is the first of them in
    // the rota's order.
    AppointmentBook book(m_book.store());
    const Result<QList<Slot>> free =
            book.freeSlots(m_book.salon.id, {{m_service.id}, {}}, m_book.at(Day, QTime(9, 0)),
                           m_book.at(Day, QTime(18, 0)), 15);
    QVERIFY(free.ok());
    std::optional<Slot> first;
    for (int i = 0; i + 1 < free->size() && !first; ++i) {
        if (free->at(i).startsAt == free->at(i + 1).startsAt)
            first = free->at(i);
    }
    QVERIFY2(first, "no time with two stylists free");

    AppointmentEditor *editor = openEditor();
    QVERIFY(editor);
    fillValid(editor);
    child<QComboBox>(editor, "stylistCombo0")->setCurrentIndex(0); // anyone
    editor->setStart(first->startsAt);
    QVERIFY(child<QPushButton>(editor, "bookButton")->isEnabled());
    const BookingRequest request = editor->request();
    QCOMPARE(request.lines.size(), 1);
    QCOMPARE(request.lines.constFirst().second, first->staffId);
}

void TestAppointmentEditor::slotFinderTakesASlot()
{
    AppointmentEditor *editor = openEditor();
    QVERIFY(editor);
    fillValid(editor);
    child<QComboBox>(editor, "stylistCombo0")->setCurrentIndex(0); // anyone
    auto *list = child<QListWidget>(editor, "slotList");
    QVERIFY(list->count() >= 3);

    // The finder lists what the core finds from the day's start (here: now).
    AppointmentBook book(m_book.store());
    const qint64 from = std::max(m_book.clock.now().toSecsSinceEpoch(),
                                 SalonTime::startOfDay(Day, m_book.zone));
    const Result<QList<Slot>> expected =
            book.freeSlots(m_book.salon.id, {{m_service.id}, {}}, from,
                           from + SlotFinder::daysAhead * 86400LL, 15, SlotFinder::slotsShown);
    QVERIFY(expected.ok());
    QCOMPARE(editor->slotFinder()->foundSlots(), *expected);

    const Slot wanted = expected->at(2);
    QListWidgetItem *third = nullptr;
    for (int row = 0; row < list->count(); ++row) {
        if (list->item(row)->data(SlotFinder::SlotIndexRole).toInt() == 2)
            third = list->item(row);
    }
    QVERIFY(third);
    // A day's heading takes nothing.
    QCOMPARE(list->item(0)->data(SlotFinder::SlotIndexRole).toInt(), -1);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualItemRect(list->item(0)).center());
    QCOMPARE(editor->startsAt(), m_free.startsAt);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(third).center());
    QCOMPARE(editor->startsAt(), wanted.startsAt);
    QCOMPARE(child<QComboBox>(editor, "stylistCombo0")->currentData().toString(), wanted.staffId);
    QVERIFY(child<QPushButton>(editor, "bookButton")->isEnabled());
    QTest::mouseClick(child<QPushButton>(editor, "bookButton"), Qt::LeftButton);
    QTRY_VERIFY(!editor || !editor->isVisible());

    const QList<Appointment> booked = VALUE_OF(m_book.store().appointments(
            m_book.salon.id, wanted.startsAt, wanted.startsAt + 60, wanted.staffId));
    const auto mine = std::find_if(booked.begin(), booked.end(), [&](const Appointment &a) {
        return a.clientId == m_client.id && a.startsAt() == wanted.startsAt;
    });
    QVERIFY(mine != booked.end());
    QVERIFY(m_book.store().remove(Entity::Appointment, mine->id).ok());
}

void TestAppointmentEditor::slotFinderFollowsTheServices()
{
    AppointmentEditor *editor = openEditor();
    QVERIFY(editor);
    auto *list = child<QListWidget>(editor, "slotList");
    QCOMPARE(list->count(), 0); // no service yet
    QVERIFY(selectData(child<QComboBox>(editor, "serviceCombo0"), m_service.id));
    QVERIFY(list->count() > 0);
    QCOMPARE(editor->slotFinder()->services(), QStringList{m_service.id});
    // A second service: the finder looks for the whole visit.
    QTest::mouseClick(child<QPushButton>(editor, "addServiceButton"), Qt::LeftButton);
    auto *second = child<QComboBox>(editor, "serviceCombo1");
    QVERIFY(second);
    second->setCurrentIndex(second->count() - 1);
    const QString secondId = second->currentData().toString();
    QCOMPARE(editor->slotFinder()->services(), QStringList({m_service.id, secondId}));
    QVERIFY(child<QLabel>(editor, "servicesSummary")->text().startsWith(QStringLiteral("2 ")));
    // A chosen stylist for both: only their free times.
    QVERIFY(selectData(child<QComboBox>(editor, "stylistCombo0"), m_free.staffId));
    if (selectData(child<QComboBox>(editor, "stylistCombo1"), m_free.staffId)) {
        QCOMPARE(editor->slotFinder()->stylist(), m_free.staffId);
        for (const Slot &slot : editor->slotFinder()->foundSlots())
            QCOMPARE(slot.staffId, m_free.staffId);
    }
    QTest::mouseClick(child<QPushButton>(editor, "removeServiceButton1"), Qt::LeftButton);
    QCOMPARE(editor->slotFinder()->services(), QStringList{m_service.id});
}

void TestAppointmentEditor::standingRepeatPreviewNamesTheDate()
{
    // A start where the stylist is free every week for four weeks...
    AppointmentBook book(m_book.store());
    const Result<QList<Slot>> candidates =
            book.freeSlots(m_book.salon.id, {{m_service.id}, m_free.staffId},
                           m_book.at(Day, QTime(9, 0)), m_book.at(Day, QTime(18, 0)), 15);
    QVERIFY(candidates.ok());
    std::optional<qint64> start;
    for (const Slot &slot : *candidates) {
        BookingRequest request;
        request.salonId = m_book.salon.id;
        request.clientId = m_client.id;
        request.lines = {{m_service.id, m_free.staffId}};
        request.startsAt = slot.startsAt;
        request.rrule = QStringLiteral("FREQ=WEEKLY;INTERVAL=1;COUNT=4");
        const Result<BookingProblems> problems = book.problems(request);
        if (problems.ok() && problems->isEmpty()) {
            start = slot.startsAt;
            break;
        }
    }
    QVERIFY2(start, "no start free four weeks running");
    // ...but off for the whole of the third.
    TimeOff off;
    off.id = QStringLiteral("off-editor-test");
    off.staffId = m_free.staffId;
    off.startsAt = SalonTime::startOfDay(Day.addDays(14), m_book.zone);
    off.endsAt = SalonTime::startOfDay(Day.addDays(15), m_book.zone);
    off.reason = QStringLiteral("Wedding");
    QVERIFY(m_book.store().save(off).ok());
    const QByteArray before = exported();

    AppointmentEditor *editor = openEditor();
    QVERIFY(editor);
    fillValid(editor);
    editor->setStart(*start);
    clickBox(child<QCheckBox>(editor, "repeatCheck"));
    child<QSpinBox>(editor, "repeatWeeksSpin")->setValue(1);
    child<QSpinBox>(editor, "repeatCountSpin")->setValue(4);

    auto *preview = child<QListWidget>(editor, "repeatPreview");
    QVERIFY(preview->isVisible());
    QCOMPARE(preview->count(), 1);
    const QString date = SalonTime::shortText(*start + 14 * 86400, m_book.zone);
    QVERIFY2(preview->item(0)->text().startsWith(date), qPrintable(preview->item(0)->text()));
    QVERIFY(child<QLabel>(editor, "repeatSummary")->text().startsWith(QStringLiteral("1 date")));
    QCOMPARE(visibleErrors(editor), QStringList{QStringLiteral("timeError")});
    QVERIFY(!child<QPushButton>(editor, "bookButton")->isEnabled());
    editor->accept();
    QCOMPARE(exported(), before);

    // Three weeks fit: the preview is empty and the whole series can be booked.
    child<QSpinBox>(editor, "repeatWeeksSpin")->setValue(3);
    child<QSpinBox>(editor, "repeatCountSpin")->setValue(2);
    QCOMPARE(preview->count(), 0);
    QVERIFY(child<QLabel>(editor, "repeatSummary")->text().startsWith(QStringLiteral("All 2")));
    QVERIFY(m_book.store().remove(Entity::TimeOff, off.id).ok());
}

void TestAppointmentEditor::modelsPassTheTester()
{
    ClientSearchModel model(&m_book.store(), m_book.salon.id);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (const QString &search : {QStringLiteral("a"), QStringLiteral("am"), QString(),
                                  QStringLiteral("07700"), QStringLiteral("zzzz")}) {
        model.setSearch(search);
        for (int row = 0; row < model.rowCount(); ++row) {
            QVERIFY(!model.index(row).data().toString().isEmpty());
            QVERIFY(!model.index(row).data(ClientSearchModel::ClientIdRole).toString().isEmpty());
        }
    }
    model.setLimit(3);
    model.setSearch(QStringLiteral("e"));
    QCOMPARE(model.rowCount(), 3);

    SlotFinder finder(&m_book.store(), m_book.salon.id, m_book.clock);
    auto *list = finder.findChild<QListWidget *>(QStringLiteral("slotList"));
    QAbstractItemModelTester slotTester(list->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    finder.setServices({m_service.id});
    QVERIFY(list->count() > 0);
    finder.showLater();
    finder.setStylist(m_free.staffId);
    finder.setServices({});
    QCOMPARE(list->count(), 0);
}

void TestAppointmentEditor::rebookOpensTheFinderWeeksOut()
{
    Service rebooked = m_service;
    rebooked.rebookWeeks = 6;
    QVERIFY(m_book.store().save(rebooked).ok());
    BookingRequest request;
    request.salonId = m_book.salon.id;
    request.clientId = m_client.id;
    request.lines = {{m_service.id, m_free.staffId}};
    request.startsAt = m_free.startsAt;
    const Result<QList<Appointment>> booked = AppointmentBook(m_book.store()).book(request);
    QVERIFY(booked.ok());
    Appointment completed = booked->constFirst();
    completed.status = AppointmentStatus::Completed;

    m_window->offerRebook(completed);
    auto *prompt = m_window->findChild<QMessageBox *>(QStringLiteral("rebookPrompt"));
    QVERIFY(prompt);
    QTRY_VERIFY(prompt->isVisible());
    QVERIFY(prompt->text().startsWith(QStringLiteral("Book the next visit in 6 week")));
    QTest::mouseClick(prompt->findChild<QPushButton *>(QStringLiteral("rebookYesButton")),
                      Qt::LeftButton);

    auto *editor = m_window->findChild<AppointmentEditor *>(QStringLiteral("appointmentEditor"));
    QVERIFY(editor);
    QTRY_VERIFY(editor->isVisible());
    // The same client, service and stylist, six weeks on, the finder from that day.
    const QDate then = Day.addDays(42);
    QCOMPARE(editor->clientId(), m_client.id);
    QCOMPARE(child<QComboBox>(editor, "serviceCombo0")->currentData().toString(), m_service.id);
    QCOMPARE(child<QComboBox>(editor, "stylistCombo0")->currentData().toString(), m_free.staffId);
    QCOMPARE(child<QDateEdit>(editor, "dateEdit")->date(), then);
    SlotFinder *finder = editor->slotFinder();
    QCOMPARE(finder->from(), SalonTime::startOfDay(then, m_book.zone));
    QCOMPARE(finder->stylist(), m_free.staffId);
    QVERIFY(!finder->foundSlots().isEmpty());
    for (const Slot &slot : finder->foundSlots()) {
        QVERIFY(slot.startsAt >= SalonTime::startOfDay(then, m_book.zone));
        QCOMPARE(slot.staffId, m_free.staffId);
    }
    QVERIFY(child<QListWidget>(editor, "slotList")->count() > 0);

    QVERIFY(m_book.store().remove(Entity::Appointment, completed.id).ok());
    QVERIFY(m_book.store().save(m_service).ok());
}

void TestAppointmentEditor::noRebookWithoutAnInterval()
{
    Service once = m_service; // a service that does not ask the client back
    once.rebookWeeks = 0;
    QVERIFY(m_book.store().save(once).ok());
    Appointment completed;
    completed.id = QStringLiteral("appt-none");
    completed.salonId = m_book.salon.id;
    completed.clientId = m_client.id;
    completed.status = AppointmentStatus::Completed;
    ServiceLine line;
    line.serviceId = m_service.id;
    line.staffId = m_free.staffId;
    line.segments = {{SegmentKind::Busy, m_free.startsAt, m_free.startsAt + 2700, {}}};
    completed.lines = {line};
    m_window->offerRebook(completed);
    QVERIFY(!m_window->findChild<QMessageBox *>(QStringLiteral("rebookPrompt")));
    QVERIFY(m_book.store().save(m_service).ok());
}

QTEST_MAIN(TestAppointmentEditor)
#include "tst_appointmenteditor.moc"

void TestAppointmentEditor::freeHintCountsTheStylistsTime()
{
    // The stylist is free for exactly the slot's length at m_free (this
    // stylist's own time for the service): a visit starts right after it,
    // booked over whatever is there.
    const int length = int(m_free.endsAt - m_free.startsAt) / 60;
    QVERIFY(length != 15);
    BookingRequest request;
    request.salonId = m_book.salon.id;
    request.clientId = m_client.id;
    request.lines = {{m_service.id, m_free.staffId}};
    request.startsAt = m_free.startsAt + length * 60;
    request.overbook = true;
    const Result<QList<Appointment>> blocker = AppointmentBook(m_book.store()).book(request);
    QVERIFY2(blocker.ok(), qPrintable(blocker ? QString() : blocker.error().message));
    auto *dayView = m_window->findChild<DayView *>(QStringLiteral("dayView"));
    QVERIFY(dayView);
    QTRY_VERIFY(dayView->sheet().visitCount > 0);
    const QTime local = QDateTime::fromSecsSinceEpoch(m_free.startsAt,
                                                      QTimeZone(m_book.salon.timeZone.toUtf8()))
                                .time();

    // A click on one cell of free time: the hint counts the free time, not the cell.
    emit dayView->freeTimeChosen(m_free.staffId, local.hour() * 60 + local.minute(), 15);
    auto *editor = m_window->findChild<AppointmentEditor *>(QStringLiteral("appointmentEditor"));
    QVERIFY(editor);
    QTRY_VERIFY(editor->isVisible());
    QCOMPARE(child<QLabel>(editor, "freeTimeHint")->text(),
             AppointmentEditor::tr("%n minute(s) free here", "", length));
    editor->close();
    QTRY_VERIFY(!m_window->findChild<AppointmentEditor *>(QStringLiteral("appointmentEditor")));

    // Before opening, when the stylist does not work: no hint at all.
    emit dayView->freeTimeChosen(m_free.staffId, 3 * 60, 15);
    editor = m_window->findChild<AppointmentEditor *>(QStringLiteral("appointmentEditor"));
    QVERIFY(editor);
    QTRY_VERIFY(editor->isVisible());
    QVERIFY(child<QLabel>(editor, "freeTimeHint")->isHidden());
    editor->close();

    QVERIFY(m_book.store().remove(Entity::Appointment, blocker->constFirst().id).ok());
}
