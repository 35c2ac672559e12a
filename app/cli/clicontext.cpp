#include "clicontext.h"

#include "logging.h"

#include "command.h"

#include "domain/actor.h"
#include "store/store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <cstdio>

namespace chairside::cli {

namespace {

const QString dataDirOption = QStringLiteral("data-dir");
const QString jsonOption = QStringLiteral("json");
const QString salonOption = QStringLiteral("salon");
const QString helpOption = QStringLiteral("help");
const QString verboseOption = QStringLiteral("verbose");

// Options naming a folder, a file, a salon, a person, a service or an
// account: an empty value would quietly mean something else (the user's own
// data folder, the first match), so it is a usage error.
const QStringList optionsThatNeedText = {dataDirOption,
                                         salonOption,
                                         QStringLiteral("output"),
                                         QStringLiteral("o"),
                                         QStringLiteral("name"),
                                         QStringLiteral("staff"),
                                         QStringLiteral("service"),
                                         QStringLiteral("client"),
                                         QStringLiteral("time-zone"),
                                         QStringLiteral("provider"),
                                         QStringLiteral("client-id"),
                                         QStringLiteral("issuer"),
                                         QStringLiteral("tenant"),
                                         QStringLiteral("url"),
                                         QStringLiteral("device")};

bool verboseLogs = false;

// At once: a script (or person) may read a line while the command waits.
void write(QIODevice *device, const QByteArray &bytes)
{
    device->write(bytes);
    if (auto *file = qobject_cast<QFileDevice *>(device))
        file->flush();
}

void write(QIODevice *device, const QString &text)
{
    write(device, text.toUtf8());
}

std::unique_ptr<QIODevice> processStream(FILE *stream)
{
    auto file = std::make_unique<QFile>();
    file->open(stream, QIODevice::WriteOnly | QIODevice::Unbuffered);
    return file;
}

} // namespace

CliContext::CliContext(const Clock &clock, QIODevice *out, QIODevice *err)
    : m_clock(clock)
    , m_stdout(out ? nullptr : processStream(stdout))
    , m_stderr(err ? nullptr : processStream(stderr))
    , m_out(out ? out : m_stdout.get())
    , m_err(err ? err : m_stderr.get())
{}
CliContext::~CliContext() = default;

void CliContext::addGlobalOptions(QCommandLineParser &parser)
{
    parser.addOption({dataDirOption, tr("Keep the store in DIR (default: the user's data folder)."),
                      tr("DIR")});
    parser.addOption({jsonOption, tr("Print results as JSON (see docs/cli.md).")});
    parser.addOption({salonOption,
                      tr("Work on this salon (id or name); needed when the store has several."),
                      tr("SALON")});
    parser.addOption({verboseOption, tr("Print the modules' logs on stderr.")});
    parser.addOption({{QStringLiteral("h"), helpOption}, tr("Show this help.")});
}

Result<void> CliContext::checkEmptyValues(const QCommandLineParser &parser)
{
    for (const QString &name : parser.optionNames()) {
        if (!optionsThatNeedText.contains(name))
            continue;
        const QStringList values = parser.values(name);
        for (const QString &value : values) {
            if (value.trimmed().isEmpty())
                return Error::usage(tr("%1 needs a value; it cannot be empty.")
                                            .arg(name.size() == 1 ? QLatin1Char('-') + name
                                                                  : QStringLiteral("--") + name));
        }
    }
    return {};
}

void CliContext::noticeJson(const QStringList &arguments)
{
    if (arguments.contains(QStringLiteral("--") + jsonOption))
        m_json = true;
}

bool CliContext::logsWanted()
{
    return verboseLogs;
}

Result<bool> CliContext::parse(QCommandLineParser &parser, const QStringList &arguments)
{
    addGlobalOptions(parser);
    // QCommandLineParser skips the first argument (the program); here that
    // is the command's name.
    if (!parser.parse(arguments)) {
        noticeJson(arguments);
        return Error::usage(tr("%1 See “chairside-cli %2 --help”.")
                                    .arg(parser.errorText(), arguments.value(0)));
    }
    applyGlobalOptions(parser);
    if (const Result<void> filled = checkEmptyValues(parser); !filled)
        return filled.error();
    if (parser.isSet(helpOption)) {
        QString text = parser.helpText();
        // QCommandLineParser names the program file; name the command instead.
        const QString program = QCoreApplication::arguments().value(0);
        const qsizetype at = text.indexOf(program);
        if (at >= 0)
            text.replace(at, program.size(), QStringLiteral("chairside-cli ") + arguments.value(0));
        printHelp(text);
        return false;
    }
    return true;
}

void CliContext::applyGlobalOptions(const QCommandLineParser &parser)
{
    if (parser.isSet(jsonOption))
        m_json = true;
    if (parser.isSet(dataDirOption))
        m_dataDir = parser.value(dataDirOption);
    if (parser.isSet(salonOption))
        m_salonArgument = parser.value(salonOption);
    if (parser.isSet(verboseOption))
        verboseLogs = true;
}

QString CliContext::storePath() const
{
    return m_dataDir.isEmpty() ? Store::defaultPath() : Store::pathIn(m_dataDir);
}

QString CliContext::dataDir() const
{
    return QFileInfo(storePath()).absolutePath();
}

bool CliContext::storeExists() const
{
    return QFileInfo::exists(storePath());
}

Result<Store *> CliContext::store()
{
    if (m_store)
        return m_store.get();
    const QString path = storePath();
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir))
        return Error::storage(
                tr("Cannot create the folder %1 for the store. Check that it can be written.")
                        .arg(QDir::toNativeSeparators(dir)));
    qCDebug(lcCli) << "opening store" << path;
    Result<std::unique_ptr<Store>> opened = Store::open(path, Store::Check::BeforeOpening, m_clock);
    if (!opened)
        return opened.error();
    m_store = std::move(*opened);
    return m_store.get();
}

Result<Salon> CliContext::salon()
{
    const Result<Store *> opened = store();
    if (!opened)
        return opened.error();
    const Result<QList<Salon>> read = (*opened)->salons();
    if (!read)
        return read.error();
    const QList<Salon> &salons = *read;
    if (m_salonArgument.isEmpty()) {
        if (salons.size() == 1)
            return salons.constFirst();
        if (salons.isEmpty())
            return Error::notFound(tr("The store has no salon yet. Create one with “chairside-cli "
                                      "salons add” or try “chairside-cli demo”."));
        QStringList names;
        for (const Salon &salon : salons)
            names.append(salon.name);
        return Error::usage(tr("The store has several salons (%1); choose one with --salon.")
                                    .arg(names.join(QStringLiteral(", "))));
    }
    for (const Salon &salon : salons) {
        if (salon.id == m_salonArgument)
            return salon;
    }
    QList<Salon> named;
    for (const Salon &salon : salons) {
        if (salon.name.compare(m_salonArgument.trimmed(), Qt::CaseInsensitive) == 0)
            named.append(salon);
    }
    if (named.size() == 1)
        return named.constFirst();
    if (named.isEmpty())
        return Error::notFound(tr("There is no salon called “%1”.").arg(m_salonArgument));
    return Error::notFound(tr("Several salons are called “%1”; give the salon's id with --salon.")
                                   .arg(m_salonArgument));
}

Result<Catalogue *> CliContext::catalogue()
{
    if (m_catalogue)
        return m_catalogue.get();
    const Result<Salon> chosen = salon();
    if (!chosen)
        return chosen.error();
    if (!QTimeZone(chosen->timeZone.toUtf8()).isValid())
        return Error::invalid(tr("The salon “%1” has a time zone Chairside does not know (“%2”). "
                                 "Fix it with “chairside-cli salons edit --time-zone”.")
                                      .arg(chosen->name, chosen->timeZone));
    Result<Catalogue> loaded = Catalogue::load(*m_store, *chosen);
    if (!loaded)
        return loaded.error();
    m_catalogue = std::make_unique<Catalogue>(std::move(*loaded));
    return m_catalogue.get();
}

QString CliContext::by(const QString &given)
{
    return actorName(given, QStringLiteral("chairside-cli"));
}

void CliContext::print(const QJsonObject &json, const QString &text) const
{
    if (m_json) {
        write(m_out, jsonText(json));
        return;
    }
    if (!text.isEmpty())
        write(m_out, text.endsWith(QLatin1Char('\n')) ? text : text + QLatin1Char('\n'));
}

void CliContext::printError(const Error &error) const
{
    write(m_err, QStringLiteral("chairside-cli: %1\n").arg(error.message));
    if (m_json) {
        const QJsonObject object{{QStringLiteral("error"),
                                  QJsonObject{{QStringLiteral("code"), errorCodeName(error.code)},
                                              {QStringLiteral("message"), error.message},
                                              {QStringLiteral("exitCode"), exitCodeFor(error)}}}};
        write(m_out, jsonText(object));
    }
}

void CliContext::printWarning(const QString &warning) const
{
    write(m_err, tr("chairside-cli: warning: %1\n").arg(warning));
}

void CliContext::printProgress(const QString &line) const
{
    write(m_err, line + QLatin1Char('\n'));
}

QString CliContext::jsonText(const QJsonObject &json) const
{
    if (m_jsonLines)
        return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact))
                + QLatin1Char('\n');
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented));
}

void CliContext::printHelp(const QString &text) const
{
    write(m_out, text);
}

void CliContext::printDocument(const QByteArray &document) const
{
    write(m_out, document);
}

int exitCodeFor(const Error &error)
{
    switch (error.code) {
    case Error::Code::Usage: return 2;
    case Error::Code::Invalid:
    case Error::Code::NotFound:
    case Error::Code::Conflict: return 3;
    case Error::Code::Storage:
    case Error::Code::Corrupt:
    case Error::Code::ReadOnly:
    case Error::Code::Unavailable: return 1;
    }
    return 1;
}

QString errorCodeName(Error::Code code)
{
    switch (code) {
    case Error::Code::Usage: return QStringLiteral("usage");
    case Error::Code::Invalid: return QStringLiteral("invalid");
    case Error::Code::NotFound: return QStringLiteral("not-found");
    case Error::Code::Conflict: return QStringLiteral("conflict");
    case Error::Code::Storage: return QStringLiteral("storage");
    case Error::Code::Corrupt: return QStringLiteral("corrupt");
    case Error::Code::ReadOnly: return QStringLiteral("read-only");
    case Error::Code::Unavailable: return QStringLiteral("unavailable");
    }
    return QStringLiteral("failure");
}

} // namespace chairside::cli
