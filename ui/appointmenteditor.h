#pragma once

#include "booking/appointmentbook.h"
#include "booking/catalogue.h"

#include <QDialog>

#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTimeEdit;
class QVBoxLayout;

namespace chairside {

class AppointmentHistory;
class ClientSearchModel;
class Clock;
class FieldError;
class SlotFinder;
class Store;

// A new appointment as the desk fills it in: the client (found as you type,
// or added on the spot), one or more services each with a stylist or
// anyone, the start, notes, a deposit and an optional standing repeat.
// Every change is checked against the book at once; what is wrong is said
// under the field at fault, and OK stays off until the booking can be made
// (conflicts only with "Book anyway (overbook)" ticked).
//
// The editor writes nothing itself except a client added on the spot: on
// OK it hands the BookingRequest to the booker (MainWindow), and stays open
// with the booker's error if the book refuses it.
class AppointmentEditor : public QDialog
{
    Q_OBJECT
public:
    using Booker = std::function<Result<void>(const BookingRequest &request)>;

    // `catalogue` is the salon's, read by the caller (who says when it cannot be read).
    AppointmentEditor(Store *store, Catalogue catalogue, const Clock &clock,
                      QWidget *parent = nullptr);
    ~AppointmentEditor() override;

    void setBooker(Booker booker) { m_booker = std::move(booker); }
    void setBookedBy(const QString &by) { m_by = by; }

    // Prefill. A line's staffId empty means anyone.
    void setClient(const QString &clientId);
    void setLines(const QList<QPair<QString, QString>> &lines);
    void setStart(qint64 startsAt);
    // The free time the desk clicked on (from the day view), as a hint.
    void setFreeMinutes(int minutes);
    // Opens the slot finder from `from` on (the rebook prompt).
    void showSlotsFrom(qint64 from);
    void focusClientSearch();
    // A visit already booked, shown as it is (not changed here: the day
    // view moves it and sets its status), with "Waiting to sync" while the
    // salon's server has not confirmed it, and on a PC that has joined a
    // server a History tab with its audit trail from there.
    void showAppointment(const Appointment &appointment);
    QString appointmentId() const { return m_appointmentId; }
    // Null until showAppointment() on a joined PC.
    AppointmentHistory *history() const { return m_history; }

    QString clientId() const { return m_clientId; }
    qint64 startsAt() const;
    // The booking as filled in, "anyone" resolved; check isValid() first.
    BookingRequest request() const;
    bool isValid() const { return m_valid; }
    SlotFinder *slotFinder() const { return m_slotFinder; }

public slots:
    void accept() override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Line
    {
        QWidget *row = nullptr;
        QLabel *serviceLabel = nullptr; // buddies: what a screen reader names the combos by
        QLabel *stylistLabel = nullptr;
        QComboBox *service = nullptr;
        QComboBox *stylist = nullptr;
        QPushButton *remove = nullptr;
    };

    QWidget *buildClientSection();
    QWidget *buildServicesSection();
    QWidget *buildWhenSection();
    QWidget *buildRepeatSection();
    FieldError *makeErrorLabel(const QString &objectName, const QString &field);
    void addLine(const QString &serviceId = {}, const QString &staffId = {});
    void removeLine(QWidget *row);
    static void dropRow(QWidget *row);
    void fillStylists(Line &line);
    void renameLines();

    void searchClients(const QString &text);
    void chooseClient(const QModelIndex &index);
    void showNewClient();
    void addClient();
    void updateClientLabel();
    // The client chosen (nothing when none is), or why it could not be read.
    Result<std::optional<Client>> chosenClient() const;

    void changed();
    void validate();
    void updateRepeatPreview(const BookingRequest &request);
    void updateSlotFinder();
    void takeSlot(const Slot &slot);
    void clearErrors();

    QList<QPair<QString, QString>> chosenLines() const; // staffId empty: anyone
    Result<QList<QPair<QString, QString>>> resolveAnyone(qint64 startsAt);
    QString rrule() const;
    // The start as typed; refused when the clocks skip that time.
    Result<qint64> localStart() const;
    QList<QPair<QString, QString>> standInLines() const;
    bool needsRepeatPreview() const;
    void updatePatchTestWarning(const QList<QPair<QString, QString>> &lines, qint64 startsAt);

    Store *m_store = nullptr;
    Salon m_salon;
    QTimeZone m_zone;
    const Clock &m_clock;
    Catalogue m_catalogue;
    mutable AppointmentBook m_book;
    Booker m_booker;
    QString m_by;
    QString m_clientId;
    QList<Line> m_lines;
    QList<QPair<QString, QString>> m_resolved; // the lines with anyone resolved
    QStringList m_previewKey;                  // what the repeat preview was made for
    bool m_valid = false;
    bool m_building = true; // no checks until every widget exists

    // client
    QLineEdit *m_clientSearch = nullptr;
    ClientSearchModel *m_clientModel = nullptr;
    QListView *m_clientList = nullptr;
    QLabel *m_clientLabel = nullptr;
    FieldError *m_clientError = nullptr;
    FieldError *m_patchTestWarning = nullptr;
    QPushButton *m_newClientButton = nullptr;
    QGroupBox *m_newClientBox = nullptr;
    QLineEdit *m_newClientName = nullptr;
    QLineEdit *m_newClientPhone = nullptr;
    QLineEdit *m_newClientEmail = nullptr;
    FieldError *m_newClientError = nullptr;
    // services
    QVBoxLayout *m_linesLayout = nullptr;
    QPushButton *m_addLineButton = nullptr;
    QLabel *m_servicesSummary = nullptr;
    QLabel *m_freeHint = nullptr;
    FieldError *m_servicesError = nullptr;
    // when, notes, deposit
    QDateEdit *m_dateEdit = nullptr;
    QTimeEdit *m_timeEdit = nullptr;
    FieldError *m_timeError = nullptr; // the conflicts at that time
    QPlainTextEdit *m_notesEdit = nullptr;
    FieldError *m_notesError = nullptr;
    QDoubleSpinBox *m_depositSpin = nullptr;
    FieldError *m_depositError = nullptr;
    // repeat
    QCheckBox *m_repeatCheck = nullptr;
    QWidget *m_repeatBox = nullptr;
    QSpinBox *m_repeatWeeks = nullptr;
    QComboBox *m_repeatEnd = nullptr;
    QSpinBox *m_repeatCount = nullptr;
    QDateEdit *m_repeatUntil = nullptr;
    QLabel *m_repeatSummary = nullptr;
    QListWidget *m_repeatPreview = nullptr;
    FieldError *m_repeatError = nullptr;
    // conflicts
    QCheckBox *m_overbookCheck = nullptr;
    FieldError *m_bookError = nullptr;

    SlotFinder *m_slotFinder = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    // an appointment already booked (showAppointment)
    QString m_appointmentId;
    QTabWidget *m_tabs = nullptr;
    QWidget *m_bookingPage = nullptr;
    QLabel *m_waitingLabel = nullptr;
    AppointmentHistory *m_history = nullptr;
};

} // namespace chairside
