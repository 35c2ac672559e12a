#include "tokenreply.h"

#include "domain/clock.h"
#include "logging.h"
#include "serverrequest.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>

namespace chairside {

namespace {

// Server-supplied text goes into a message the user reads: keep it short
// and printable.
QString shortText(QString text)
{
    text = text.simplified();
    if (text.size() > 200)
        text = text.left(200) + QChar(0x2026);
    return text;
}

} // namespace

TokenReply::TokenReply(QNetworkReply *reply, Kind kind, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_reply(reply)
    , m_kind(kind)
    , m_clock(clock)
    , m_result(Error::invalid(tr("The sign-in server has not answered yet.")))
{
    connect(reply, &QNetworkReply::finished, this, &TokenReply::onReplyFinished);
}

TokenReply::TokenReply(Error error, Kind kind, const Clock &clock, QObject *parent)
    : QObject(parent), m_kind(kind), m_clock(clock), m_result(error)
{
    // Let the caller connect to finished() first.
    QMetaObject::invokeMethod(
            this, [this, error] { finish(error); }, Qt::QueuedConnection);
}

TokenReply::~TokenReply()
{
    abort();
}

void TokenReply::abort()
{
    serverrequest::drop(m_reply, this);
}

void TokenReply::onReplyFinished()
{
    QNetworkReply *reply = serverrequest::take(m_reply);
    if (!reply)
        return;

    m_httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->hasRawHeader("Retry-After")) {
        bool ok = false;
        const int seconds = reply->rawHeader("Retry-After").trimmed().toInt(&ok);
        if (ok && seconds >= 0)
            m_retryAfter = seconds;
    }

    if (m_httpStatus == 0) {
        m_transient = true;
        finish(Error::unavailable(tr("Could not reach the sign-in server: %1. Nothing was changed; "
                                     "try again when the network is back.")
                                          .arg(reply->errorString())));
        return;
    }
    if (reply->bytesAvailable() > maxResponseBytes) {
        m_transient = true;
        finish(Error::unavailable(tr("The sign-in server sent an answer too large to be genuine "
                                     "(HTTP %1). Nothing was changed; try again later.")
                                          .arg(m_httpStatus)));
        return;
    }
    const QByteArray body = reply->readAll();

    if (m_httpStatus == 200) {
        if (m_kind == Kind::Revocation) {
            finish(TokenSet{}); // RFC 7009 §2.2: the body is irrelevant
            return;
        }
        Result<TokenSet> tokens = parseTokenResponse(body, m_clock.now());
        if (!tokens) {
            // A garbled answer may have carried a rotated token we lost: the
            // caller keeps the old one and tries again later.
            m_transient = true;
            tokens = Error::unavailable(tokens.error().message);
        }
        finish(std::move(tokens));
        return;
    }

    // RFC 6749 §5.2: 400 (or 401) with {"error": "...", "error_description": "..."}.
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    const QJsonValue code = object.value(QLatin1String("error"));
    if ((m_httpStatus == 400 || m_httpStatus == 401) && code.isString()
        && !code.toString().isEmpty()) {
        m_oauthError = shortText(code.toString());
        const QString description =
                shortText(object.value(QLatin1String("error_description")).toString());
        const QString said = description.isEmpty()
                ? m_oauthError
                : QStringLiteral("%1: %2").arg(m_oauthError, description);
        qCInfo(lcAuth) << "token endpoint refused with" << m_oauthError;
        if (needsReconnect()) {
            finish(Error::invalid(tr("The sign-in for this account is no longer valid (the "
                                     "server said \"%1\"). Connect the account again.")
                                          .arg(said)));
        } else {
            finish(Error::invalid(
                    tr("The sign-in server refused the request (\"%1\").").arg(said)));
        }
        return;
    }

    m_transient = serverrequest::isPassing(m_httpStatus);
    qCWarning(lcAuth) << "token endpoint answered HTTP" << m_httpStatus;
    if (m_transient) {
        finish(Error::unavailable(tr("The sign-in server is busy or failing (HTTP %1). Nothing "
                                     "was changed; try again later.")
                                          .arg(m_httpStatus)));
    } else {
        finish(Error::invalid(tr("The sign-in server gave an unexpected answer (HTTP %1). "
                                 "Check the server address and client id.")
                                      .arg(m_httpStatus)));
    }
}

void TokenReply::finish(Result<TokenSet> result)
{
    if (m_finished)
        return;
    m_result = std::move(result);
    m_finished = true;
    emit finished();
}

Result<TokenSet> TokenReply::parseTokenResponse(const QByteArray &body, const QDateTime &now)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return Error::invalid(tr("The sign-in server's answer could not be read (it is not "
                                 "JSON). Nothing was changed; try again, and if it keeps "
                                 "happening, tell your administrator."));
    }
    const QJsonObject object = document.object();

    auto tokenField = [&object](const char *key) {
        return object.value(QLatin1String(key)).toString().toLatin1();
    };

    TokenSet tokens;
    tokens.accessToken = tokenField("access_token");
    tokens.refreshToken = tokenField("refresh_token");
    tokens.idToken = tokenField("id_token");
    tokens.tokenType = object.value(QLatin1String("token_type")).toString();
    tokens.scope = object.value(QLatin1String("scope")).toString();

    if (tokens.accessToken.isEmpty()) {
        return Error::invalid(tr("The sign-in server's answer has no access token. Nothing was "
                                 "changed; try again later."));
    }
    // RFC 6749 §7.1: we only know how to use bearer tokens.
    if (tokens.tokenType.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) != 0) {
        return Error::invalid(tr("The sign-in server issued a token of type '%1'; Chairside "
                                 "only handles Bearer tokens.")
                                      .arg(shortText(tokens.tokenType)));
    }

    // expires_in is a number; some servers send it as a string.
    const QJsonValue expiresIn = object.value(QLatin1String("expires_in"));
    qint64 seconds = -1;
    if (expiresIn.isDouble())
        seconds = qint64(expiresIn.toDouble());
    else if (expiresIn.isString())
        seconds = expiresIn.toString().toLongLong();
    if (seconds > 0)
        tokens.expiresAt = now.addSecs(seconds);
    return tokens;
}

} // namespace chairside
