#pragma once

#include "booking/catalogue.h"

#include "domain/clock.h"
#include "domain/error.h"
#include "domain/salon.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QIODevice>
#include <QJsonObject>

#include <memory>

namespace chairside {
class Store;
}

namespace chairside::cli {

// What every command shares: the global options (--data-dir, --json,
// --salon), the store (opened on first use), the chosen salon, and output.
// With --json, stdout carries exactly one JSON document per run.
class CliContext
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    // `clock` is the time of every command (tests pass one they move). Output
    // goes to `out` and `err`, by default the process's stdout and stderr
    // (tests pass buffers).
    explicit CliContext(const Clock &clock = Clock::system(), QIODevice *out = nullptr,
                        QIODevice *err = nullptr);
    ~CliContext();

    // Adds --data-dir, --json, --salon and --help to a parser. Global options
    // are accepted before the command and after it.
    static void addGlobalOptions(QCommandLineParser &parser);
    // Parses a command's arguments (the first names the command, e.g.
    // "staff add"). Returns false when it only printed the help.
    Result<bool> parse(QCommandLineParser &parser, const QStringList &arguments);
    void applyGlobalOptions(const QCommandLineParser &parser);

    // A usage error for an empty --data-dir, --salon, --staff, … value.
    static Result<void> checkEmptyValues(const QCommandLineParser &parser);
    // --json among arguments that could not be parsed: the error is JSON too.
    void noticeJson(const QStringList &arguments);
    // Whether --verbose was given: module logs go to stderr only then (or
    // when QT_LOGGING_RULES asks for them).
    static bool logsWanted();
    bool json() const { return m_json; }
    void setJson(bool json) { m_json = json; }
    QString storePath() const;
    // The folder of the store: --data-dir, else the user's data folder.
    QString dataDir() const;
    // One JSON document per line (compact) instead of one indented
    // document: for `account connect`, which prints the sign-in address first.
    void setJsonLines(bool lines) { m_jsonLines = lines; }

    // The store, opened (and created) on first use.
    Result<Store *> store();
    // Whether a store file exists already (for commands that must not create one).
    bool storeExists() const;
    // --salon as given (empty when not), for commands that look the salon
    // up elsewhere (on the server).
    QString salonArgument() const { return m_salonArgument; }
    // The salon named by --salon, else the only one.
    Result<Salon> salon();
    // The chosen salon's stylists, services, resources, and clients.
    Result<Catalogue *> catalogue();

    // Who makes a change: --by, else the login name.
    static QString by(const QString &given);

    // Prints a result: the JSON document with --json, else the text.
    void print(const QJsonObject &json, const QString &text) const;
    // One clear sentence on stderr (and an error object on stdout with --json).
    void printError(const Error &error) const;
    // A sentence on stderr that does not stop the command (with --json the
    // command also puts it in its document's "warnings").
    void printWarning(const QString &warning) const;
    // A line of progress on stderr ("First sync: 2000 of 9000 rows"); never
    // part of the JSON document.
    void printProgress(const QString &line) const;
    // Text as it is (help, the sign-in address): on stdout at once.
    void printHelp(const QString &text) const;
    // A document as it is, on stdout (export).
    void printDocument(const QByteArray &document) const;

private:
    QString jsonText(const QJsonObject &json) const;

    const Clock &m_clock;
    // The process's streams, when no device was given.
    std::unique_ptr<QIODevice> m_stdout;
    std::unique_ptr<QIODevice> m_stderr;
    QIODevice *m_out;
    QIODevice *m_err;
    bool m_json = false;
    bool m_jsonLines = false;
    QString m_dataDir;
    QString m_salonArgument;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Catalogue> m_catalogue;
};

// Exit status for an error: 2 usage, 3 refused, 1 anything else.
int exitCodeFor(const Error &error);
QString errorCodeName(Error::Code code);

} // namespace chairside::cli
