#include "joinedpc.h"

#include "auth/tokenstore.h"
#include "domain/client.h"
#include "server/deviceenrolment.h"
#include "server/serverjoin.h"
#include "store/store.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

#include <optional>

using namespace chairside;

namespace testserver {

namespace {

constexpr int keychainTimeoutMs = 15000;

QString compact(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

Result<QJsonArray> outcomes(const Result<ServerConnection::Rows> &rows)
{
    if (!rows)
        return rows.error();
    if (rows->size() != 1 || rows->constFirst().size() != 1)
        return Error::storage(QStringLiteral("no answer"));
    return QJsonDocument::fromJson(rows->constFirst().constFirst().toUtf8()).array();
}

} // namespace

std::unique_ptr<JoinedPc> JoinedPc::join(const ServerUrl &ownerUrl, const QString &salonId,
                                         const QString &name, const std::optional<ServerUrl> &pcUrl)
{
    std::unique_ptr<JoinedPc> pc(new JoinedPc);
    const auto fail = [](const QString &what) {
        QTest::qFail(qPrintable(what), __FILE__, __LINE__);
        return std::unique_ptr<JoinedPc>();
    };
    if (!pc->m_dir.isValid())
        return fail(QStringLiteral("no temporary folder"));
    std::optional<EnrolmentCode> code;
    {
        auto admin = ServerConnection::open(ownerUrl);
        if (!admin)
            return fail(admin.error().message);
        const auto enrolled = DeviceEnrolment::enrol(**admin, salonId, name, pcUrl);
        if (!enrolled)
            return fail(enrolled.error().message);
        code = enrolled->code;
    }
    auto store = Store::open(Store::pathIn(pc->m_dir.path()));
    if (!store)
        return fail(store.error().message);
    pc->m_store = std::move(*store);
    TokenStore keychain;
    const Result<ServerLink> link = ServerJoin::join(*code, *pc->m_store, keychain);
    if (!link)
        return fail(link.error().message);
    pc->m_link = *link;

    std::optional<QByteArray> password;
    QObject::connect(&keychain, &TokenStore::secretRead, &keychain,
                     [&](const QString &, const QString &, const Result<QByteArray> &result) {
                         password = result ? *result : QByteArray();
                     });
    keychain.read(ServerJoin::keychainAccount(link->deviceId), ServerJoin::passwordSecret());
    if (!QTest::qWaitFor([&] { return password.has_value(); }, keychainTimeoutMs)
        || password->isEmpty())
        return fail(QStringLiteral("the PC's password is not in the keychain"));
    pc->m_password = QString::fromLatin1(*password);
    return pc;
}

JoinedPc::~JoinedPc() = default;

ServerUrl JoinedPc::url() const
{
    ServerUrl url = *ServerUrl::parse(m_link.url);
    url.setPassword(m_password);
    return url;
}

Result<std::unique_ptr<ServerConnection>> JoinedPc::connect() const
{
    return ServerConnection::open(url());
}

QJsonArray JoinedPc::nextMutations(int count, const QString &prefix)
{
    QJsonArray batch;
    for (int i = 0; i < count; ++i) {
        const qint64 sequence = ++m_sequence;
        Client client;
        client.id = QStringLiteral("%1-%2").arg(prefix).arg(sequence);
        client.salonId = m_link.salonId;
        client.name = QStringLiteral("Client %1").arg(sequence);
        batch.append(
                QJsonObject{{QStringLiteral("sequence"), sequence},
                            {QStringLiteral("entity"), QStringLiteral("client")},
                            {QStringLiteral("op"), QStringLiteral("upsert")},
                            {QStringLiteral("id"), client.id},
                            {QStringLiteral("baseVersion"), QJsonValue::Null},
                            {QStringLiteral("happenedAt"), QStringLiteral("2026-12-01T09:00:00Z")},
                            {QStringLiteral("changedBy"), QStringLiteral("Ann")},
                            {QStringLiteral("payload"), client.toJson()}});
    }
    return batch;
}

Result<QJsonArray> pushMutations(ServerConnection &connection, const QJsonArray &batch)
{
    return outcomes(connection.execParams(QStringLiteral("SELECT push_mutations($1::jsonb)"),
                                          {compact(batch)}, QStringLiteral("Pushing")));
}

Result<QJsonArray> uploadBook(ServerConnection &connection, const QJsonArray &rows, bool finished)
{
    return outcomes(connection.execParams(
            QStringLiteral("SELECT upload_book($1::jsonb, $2::boolean)"),
            {compact(rows), finished ? QStringLiteral("true") : QStringLiteral("false")},
            QStringLiteral("Uploading")));
}

QString ownerValue(const ServerUrl &url, const QString &sql)
{
    auto connection = ServerConnection::open(url);
    if (!connection) {
        qWarning("%s", qPrintable(connection.error().message));
        return {};
    }
    const auto rows = (*connection)->execParams(sql, {}, QStringLiteral("Reading"));
    if (!rows || rows->isEmpty() || rows->constFirst().isEmpty()) {
        qWarning("%s: %s", qPrintable(sql), rows ? "no rows" : qPrintable(rows.error().message));
        return {};
    }
    return rows->constFirst().constFirst();
}

} // namespace testserver
