#pragma once

#include "authorizationattempt.h"
#include "domain/clock.h"
#include "domain/error.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUrl>

class QTcpServer;
class QTcpSocket;

namespace chairside {

class CallbackRequest;

// Receives the browser's redirect at the end of a sign-in (RFC 8252 §7.3):
// listens on 127.0.0.1 (and ::1 on the same port when the provider registers
// `localhost`, as Microsoft does) on an ephemeral port, and only while the
// attempt lasts. Never on any other interface.
//
// A request that does not carry this attempt's `state` gets an error page and
// is otherwise ignored, so another local process can neither end nor hijack
// the sign-in. The first request with the right state ends the attempt: the
// listeners close and exactly one of codeReceived() or failed() is emitted.
//
// Do not delete the receiver from a slot connected to its signals; use
// deleteLater().
class LoopbackReceiver : public QObject
{
    Q_OBJECT

public:
    // How the attempt ended, for callers that act differently on each.
    enum class Ending {
        None, // still waiting, or never started
        CodeReceived,
        ServerError,    // the callback carried `error` (access_denied, ...)
        IssuerMismatch, // `iss` named another server (mix-up attack)
        MissingCode,
        TimedOut,
        Cancelled,
    };
    Q_ENUM(Ending)

    static constexpr int maxConnections = 16;
    static constexpr int defaultConnectionTimeoutMs = 10 * 1000;

    explicit LoopbackReceiver(QObject *parent = nullptr);
    ~LoopbackReceiver() override;

    // Opens the listener for `attempt`. Fails when the attempt is unusable
    // (no state, a callback path without a leading slash, already expired),
    // when a previous attempt is still waiting, or when 127.0.0.1 cannot be
    // bound. If ::1 is not available, listens on 127.0.0.1 alone and logs it.
    // `clock` must outlive the attempt.
    Result<void> start(const AuthorizationAttempt &attempt, bool alsoIpv6,
                       const Clock &clock = Clock::system());
    // Stops waiting; emits failed() with a "cancelled" error if an attempt was open.
    void cancel();
    // Ends the attempt with failed(timeout) when the clock has passed its
    // expiry. Runs on its own from a timer; tests call it after moving their clock.
    void checkExpiry();

    bool isListening() const;
    // The loopback port of the latest attempt, the same on both addresses.
    quint16 port() const { return m_port; }
    // http://127.0.0.1:PORT/path, or http://localhost:PORT/path when ::1 was
    // asked for. Kept after the attempt ends: the token request repeats it.
    QUrl redirectUri() const { return m_redirectUri; }
    // The addresses actually listened on: 127.0.0.1, and ::1 when available.
    QList<QHostAddress> listeningAddresses() const;
    Ending ending() const { return m_ending; }

    // A connection that has not sent a whole request head by then is closed
    // (against slow clients holding the few connection slots).
    void setConnectionTimeout(int milliseconds) { m_connectionTimeoutMs = milliseconds; }
    int openConnections() const { return int(m_buffers.size() + m_answered.size()); }

signals:
    void codeReceived(const QByteArray &code);
    void failed(const chairside::Error &error);
    // A request was answered with an error page and otherwise ignored. The
    // reason is plain English for logs and tests and never holds secrets.
    void requestRejected(const QString &reason);

private:
    struct Page
    {
        int status = 200;
        QString title;
        QString text;
        QByteArray extraHeaders; // whole lines, each ending in CRLF
    };

    void acceptConnections();
    void readRequest(QTcpSocket *socket);
    // The page for one request; sets `ending` (and `error` or `code`) when
    // the request ends the attempt.
    Page answer(const CallbackRequest &request, Ending &ending, Error &error, QByteArray &code);
    void respond(QTcpSocket *socket, const Page &page);
    void reject(const QString &reason);
    void finish(Ending ending, const Error &error, const QByteArray &code = {});
    void stopListening();
    void forgetConnection(QTcpSocket *socket);

    QTcpServer *m_ipv4 = nullptr;
    QTcpServer *m_ipv6 = nullptr;
    quint16 m_port = 0;
    QUrl m_redirectUri;
    bool m_waiting = false;
    Ending m_ending = Ending::None;

    // Only what the callback needs: the verifier stays with the caller.
    QByteArray m_state;
    QByteArray m_callbackPath;
    QString m_expectedIssuer;
    QDateTime m_expiresAt;
    const Clock *m_clock = nullptr;
    QTimer m_expiryTimer;

    int m_connectionTimeoutMs = defaultConnectionTimeoutMs;
    QHash<QTcpSocket *, QByteArray> m_buffers; // connections still sending their request
    QSet<QTcpSocket *> m_answered;             // connections answered, not yet closed
};

} // namespace chairside
