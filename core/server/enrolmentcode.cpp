#include "enrolmentcode.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace chairside {

namespace {

const QString prefix = QStringLiteral("CHAIRSIDE1-");

Error unreadable()
{
    return Error::usage(EnrolmentCode::tr(
            "This is not a whole enrolment code. Copy all of it, from “CHAIRSIDE1-” to its last "
            "character, as “chairside-cli server enroll-device” printed it."));
}

} // namespace

QString EnrolmentCode::toString() const
{
    const QJsonObject object{{QStringLiteral("server"), server.toDisplayString()},
                             {QStringLiteral("secret"), secret},
                             {QStringLiteral("expires"), expiresAt.toUTC().toString(Qt::ISODate)}};
    return prefix
            + QString::fromLatin1(QJsonDocument(object)
                                          .toJson(QJsonDocument::Compact)
                                          .toBase64(QByteArray::Base64UrlEncoding
                                                    | QByteArray::OmitTrailingEquals));
}

Result<EnrolmentCode> EnrolmentCode::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (!trimmed.startsWith(prefix))
        return unreadable();
    const auto decoded = QByteArray::fromBase64Encoding(
            trimmed.mid(prefix.size()).toLatin1(),
            QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return unreadable();
    QJsonParseError jsonError;
    const QJsonDocument document = QJsonDocument::fromJson(*decoded, &jsonError);
    if (jsonError.error != QJsonParseError::NoError || !document.isObject())
        return unreadable();
    const QJsonObject object = document.object();
    EnrolmentCode code;
    code.secret = object.value(QStringLiteral("secret")).toString();
    code.expiresAt =
            QDateTime::fromString(object.value(QStringLiteral("expires")).toString(), Qt::ISODate);
    const Result<ServerUrl> server =
            ServerUrl::parse(object.value(QStringLiteral("server")).toString());
    if (!server || server->user().isEmpty() || code.secret.isEmpty() || !code.expiresAt.isValid())
        return unreadable();
    code.server = *server;
    return code;
}

ServerUrl EnrolmentCode::serverForPc(const ServerUrl &admin, const QString &loginRole)
{
    static const QStringList kept{QStringLiteral("host"),
                                  QStringLiteral("hostaddr"),
                                  QStringLiteral("port"),
                                  QStringLiteral("dbname"),
                                  QStringLiteral("sslmode"),
                                  QStringLiteral("sslrootcert"),
                                  QStringLiteral("sslcrl"),
                                  QStringLiteral("sslcrldir"),
                                  QStringLiteral("sslsni"),
                                  QStringLiteral("target_session_attrs"),
                                  QStringLiteral("connect_timeout"),
                                  QStringLiteral("channel_binding")};
    ServerUrl pc;
    for (auto it = admin.values().cbegin(); it != admin.values().cend(); ++it) {
        if (kept.contains(it.key()))
            pc.set(it.key(), it.value());
    }
    pc.setUser(loginRole);
    return pc;
}

} // namespace chairside
