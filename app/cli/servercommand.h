#pragma once

#include "command.h"

#include "server/serverurl.h"

#include <memory>

namespace chairside {
struct EnrolledDevice;
class ServerConnection;
} // namespace chairside

namespace chairside::cli {

// server migrate|enroll-device|revoke-device|new-epoch|purge: an admin's work on the salon's
// PostgreSQL server, logged in as the database owner (--url). These wait on
// the network; none touches the local store.
class ServerCommand : public Command
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    ServerCommand();
    QString name() const override { return QStringLiteral("server"); }
    QString summary() const override;

    static QJsonObject deviceJson(const EnrolledDevice &device);

private:
    Result<void> migrate(CliContext &context, const QCommandLineParser &parser);
    Result<void> enrollDevice(CliContext &context, const QCommandLineParser &parser);
    Result<void> revokeDevice(CliContext &context, const QCommandLineParser &parser);
    Result<void> newEpoch(CliContext &context, const QCommandLineParser &parser);
    Result<void> purge(CliContext &context, const QCommandLineParser &parser);

    static void addUrlOption(QCommandLineParser &parser);
    // --url read (a usage error when missing or malformed).
    static Result<ServerUrl> url(const QCommandLineParser &parser);
    static Result<void> checkUrl(const QCommandLineParser &parser);
    // The server at --url, connected as the owner.
    static Result<std::unique_ptr<ServerConnection>> open(const QCommandLineParser &parser);
};

} // namespace chairside::cli
