#include "clirunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>

namespace chairside::testsupport {

namespace {

QString program()
{
    return qEnvironmentVariable("CHAIRSIDE_CLI");
}

CliResult finish(QProcess &process)
{
    CliResult result;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        result.err = "chairside-cli did not finish";
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    const QJsonDocument document = QJsonDocument::fromJson(result.out);
    if (document.isObject())
        result.json = document.object();
    return result;
}

} // namespace

QStringList args(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *item : list)
        out.append(QString::fromUtf8(item));
    return out;
}

QByteArray CliResult::describe() const
{
    return "exit " + QByteArray::number(exitCode) + "\nstderr: " + err
            + "\nstdout: " + out.left(2000);
}

CliRunner::CliRunner(const QString &dataDir) : m_dataDir(dataDir) {}

CliResult CliRunner::bare(const QStringList &arguments) const
{
    QProcess process;
    if (m_now.isValid()) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("CHAIRSIDE_NOW"), m_now.toUTC().toString(Qt::ISODate));
        process.setProcessEnvironment(environment);
    }
    process.start(program(), arguments);
    return finish(process);
}

CliResult CliRunner::json(const QStringList &arguments) const
{
    return bare(QStringList{QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--json")}
                + arguments);
}

CliResult CliRunner::text(const QStringList &arguments) const
{
    return bare(QStringList{QStringLiteral("--data-dir"), m_dataDir} + arguments);
}

CliResult CliRunner::rawBytes(const QList<QByteArray> &arguments) const
{
    // sh passes "$@" on byte for byte; printf %b turns \ooo escapes into bytes.
    QByteArray script = "exec \"$0\" --data-dir \"$1\" --json";
    for (qsizetype i = 0; i < arguments.size(); ++i)
        script += " \"$(printf '%b' \"${" + QByteArray::number(i + 2) + "}\")\"";
    QStringList shellArguments{QString::fromUtf8(script), program(), m_dataDir};
    for (const QByteArray &argument : arguments)
        shellArguments.append(QString::fromLatin1(argument));
    QProcess process;
    process.start(QStringLiteral("/bin/sh"), QStringList{QStringLiteral("-c")} + shellArguments);
    return finish(process);
}

QByteArray CliRunner::exportStore() const
{
    return text({QStringLiteral("export")}).out;
}

qint64 CliRunner::outboxPending() const
{
    return json({QStringLiteral("info")}).json.value(QStringLiteral("outboxPending")).toInteger(-1);
}

QString CliRunner::setUpSalon() const
{
    const QList<QStringList> steps = {
            args({"salons", "add", "--name", "Test Salon", "--time-zone", "Europe/London",
                  "--hours", "mon-sat=09:00-18:00,sun=closed"}),
            args({"resources", "add", "--name", "Chair", "--kind", "chair", "--count", "2"}),
            args({"resources", "add", "--name", "Basin", "--kind", "basin", "--count", "1"}),
            args({"services", "add", "--name", "Cut & Finish", "--category", "Cuts", "--price",
                  "40", "--segments", "busy:45@Chair"}),
            args({"services", "add", "--name", "Fringe Trim", "--category", "Cuts", "--price", "8",
                  "--segments", "busy:15@Chair"}),
            args({"services", "add", "--name", "Colour", "--category", "Colour", "--price", "85.50",
                  "--segments", "busy:30@Chair,processing:35@Chair,busy:30@Basin", "--buffer",
                  "10"}),
            args({"staff", "add", "--name", "Mia Khan", "--services",
                  "Cut & Finish,Fringe Trim,Colour"}),
            args({"staff", "add", "--name", "Tom Reed", "--services",
                  "Cut & Finish,Fringe Trim,Colour"}),
            args({"shifts", "add", "--staff", "Mia", "--day", "mon-sat", "--start", "09:00",
                  "--end", "17:00", "--break", "13:00-13:30"}),
            args({"shifts", "add", "--staff", "Tom", "--day", "mon-sat", "--start", "09:00",
                  "--end", "17:00"}),
            args({"clients", "add", "--name", "Ann Lee", "--phone", "07700 900001"}),
            args({"clients", "add", "--name", "Ann Lee", "--phone", "07700 900002"}),
            args({"clients", "add", "--name", "Bob Stone", "--phone", "07700 900003", "--email",
                  "bob@example.com"}),
    };
    for (const QStringList &step : steps) {
        const CliResult result = json(step);
        if (result.exitCode != 0)
            return step.join(QLatin1Char(' ')) + QLatin1String(" → ")
                    + QString::fromUtf8(result.describe());
    }
    return {};
}

} // namespace chairside::testsupport
