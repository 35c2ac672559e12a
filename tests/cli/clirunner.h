#pragma once

#include <QDateTime>

// Runs the built chairside-cli (path in $CHAIRSIDE_CLI) on one data folder
// and reads what it printed.

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

#include <initializer_list>

namespace chairside::testsupport {

// {"book", "--staff", "Mia"} → QStringList (the build forbids implicit
// const char * → QString).
QStringList args(std::initializer_list<const char *> list);

struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json; // stdout as a JSON object, when it is one

    QString errorText() const { return QString::fromUtf8(err); }
    // For QVERIFY2 messages.
    QByteArray describe() const;
};

class CliRunner
{
public:
    explicit CliRunner(const QString &dataDir);

    QString dataDir() const { return m_dataDir; }
    // Runs chairside-cli with its clock stopped at `now` (CHAIRSIDE_NOW), so
    // "upcoming" and "today" do not depend on the day the tests run.
    void setNow(const QDateTime &now) { m_now = now; }

    // chairside-cli --data-dir DIR --json ARGS...
    CliResult json(const QStringList &arguments) const;
    // chairside-cli --data-dir DIR ARGS... (text output)
    CliResult text(const QStringList &arguments) const;
    // chairside-cli ARGS... exactly as given (no --data-dir, no --json).
    CliResult bare(const QStringList &arguments) const;
    // Raw bytes as arguments, through /bin/sh, for what QString cannot hold
    // (invalid UTF-8).
    CliResult rawBytes(const QList<QByteArray> &arguments) const;

    // The whole store as exported, for "nothing was written" checks.
    QByteArray exportStore() const;
    qint64 outboxPending() const;

    // A small salon in Europe/London, built through the CLI itself:
    // resources Chair ×2 and Basin ×1; services "Cut & Finish" (busy 45 on a
    // chair), "Fringe Trim" (busy 15), "Colour" (busy 30, processing 35,
    // busy 30 at the basin, buffer 10); stylists "Mia Khan" and "Tom Reed",
    // both doing everything, Mon-Sat 09:00-17:00, Mia with a break
    // 13:00-13:30; clients "Ann Lee" (twice, for ambiguity), "Bob Stone".
    // Returns an empty string on success, else what failed.
    QString setUpSalon() const;

private:
    QDateTime m_now;
    QString m_dataDir;
};

} // namespace chairside::testsupport
