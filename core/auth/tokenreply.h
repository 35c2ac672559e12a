#pragma once

#include "domain/error.h"
#include "tokenset.h"

#include <QObject>
#include <QPointer>

class QNetworkReply;

namespace chairside {

class Clock;

// One request to a token or revocation endpoint, in the manner of
// QNetworkReply: TokenClient hands it out, it emits finished() once, and
// result() says what happened. The caller owns it (deleteLater() it after
// finished()). A revocation that succeeded carries an empty TokenSet.
class TokenReply : public QObject
{
    Q_OBJECT

public:
    enum class Kind { Tokens, Revocation };

    TokenReply(QNetworkReply *reply, Kind kind, const Clock &clock, QObject *parent = nullptr);
    // A request that could not be made: finishes with `error` from the event loop.
    TokenReply(Error error, Kind kind, const Clock &clock, QObject *parent = nullptr);
    ~TokenReply() override;

    bool isFinished() const { return m_finished; }
    const Result<TokenSet> &result() const { return m_result; }

    // The `error` code of an OAuth error response (RFC 6749 §5.2), e.g.
    // "invalid_grant"; empty for any other failure and on success.
    QString oauthError() const { return m_oauthError; }
    // The grant is dead (revoked, expired, reused, or a wrong code or
    // verifier): retrying will not help, the account needs reconnecting.
    bool needsReconnect() const { return m_oauthError == QLatin1String("invalid_grant"); }
    // No answer, a 5xx, 429 or 503: nothing is lost, try again later.
    bool isTransient() const { return m_transient; }
    int httpStatus() const { return m_httpStatus; }
    // Seconds from a Retry-After header (RFC 7009 §2.2.1 allows 503 with it); -1 without.
    int retryAfterSeconds() const { return m_retryAfter; }

    void abort();

    // The parsing on its own, for tests: a token endpoint's JSON body.
    static Result<TokenSet> parseTokenResponse(const QByteArray &body, const QDateTime &now);

    static constexpr qint64 maxResponseBytes = 256 * 1024;

signals:
    void finished();

private:
    void onReplyFinished();
    void finish(Result<TokenSet> result);

    QPointer<QNetworkReply> m_reply;
    Kind m_kind;
    const Clock &m_clock;
    Result<TokenSet> m_result;
    QString m_oauthError;
    int m_httpStatus = 0;
    int m_retryAfter = -1;
    bool m_transient = false;
    bool m_finished = false;
};

} // namespace chairside
