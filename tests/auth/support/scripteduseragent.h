#pragma once

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QUrl>

class QNetworkReply;

namespace chairside::testsupport {

// A browser stand-in for oidc-provider's development login pages: opens
// the authorization URL, follows redirects, signs in with any name, gives
// (or refuses) consent, and stops at the redirect that leaves the server,
// i.e. the one to the app's loopback address. With deliverCallback it then
// requests that URL too, as a browser would, and keeps the answer. That
// request goes over a plain socket, so that callbackSent() marks the moment
// its bytes reach the app (Qt's HTTP client sends from a thread of its own).
class ScriptedUserAgent : public QObject
{
    Q_OBJECT

public:
    enum class Answer { Consent, Deny };

    explicit ScriptedUserAgent(QObject *parent = nullptr);

    void setLogin(const QString &login) { m_login = login; }
    void setAnswer(Answer answer) { m_answer = answer; }
    void setDeliverCallback(bool deliver) { m_deliver = deliver; }

    void start(const QUrl &authorizationUrl);
    // start() and wait; returns callbackUrl() (empty on failure).
    QUrl run(const QUrl &authorizationUrl, int timeoutMs = 30000);

    bool isFinished() const { return m_finished; }
    bool succeeded() const { return m_finished && m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    // The redirect to the app: http://127.0.0.1:PORT/cb/...?code=&state=&iss=
    QUrl callbackUrl() const { return m_callback; }
    // When delivered: what the app's listener answered.
    int callbackStatus() const { return m_callbackStatus; }
    QByteArray callbackBody() const { return m_callbackBody; }
    int requestCount() const { return m_requests; }

signals:
    // The whole callback request is in the app's socket: the app's work on it
    // starts now.
    void callbackSent();
    void finished();

private:
    void get(const QUrl &url);
    void post(const QUrl &url, const QByteArray &form);
    void onReply(QNetworkReply *reply);
    void deliverCallback();
    void onCallbackAnswer();
    void dropCallbackSocket();
    void fail(const QString &why);
    void done();

    QNetworkAccessManager m_network;
    QString m_login = QStringLiteral("anna");
    Answer m_answer = Answer::Consent;
    bool m_deliver = false;
    QUrl m_start;
    QUrl m_callback;
    QString m_error;
    QPointer<QTcpSocket> m_callbackSocket;
    QByteArray m_callbackAnswer; // as read from the socket
    QByteArray m_callbackBody;
    int m_callbackStatus = 0;
    int m_requests = 0;
    bool m_finished = false;
};

} // namespace chairside::testsupport
