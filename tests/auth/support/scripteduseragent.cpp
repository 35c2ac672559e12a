#include "scripteduseragent.h"

#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>

namespace chairside::testsupport {

namespace {

constexpr int maxRequests = 30;

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host() == b.host() && a.port() == b.port();
}

QString htmlUnescape(QString text)
{
    text.replace(QLatin1String("&amp;"), QLatin1String("&"));
    text.replace(QLatin1String("&quot;"), QLatin1String("\""));
    text.replace(QLatin1String("&#39;"), QLatin1String("'"));
    text.replace(QLatin1String("&lt;"), QLatin1String("<"));
    text.replace(QLatin1String("&gt;"), QLatin1String(">"));
    return text;
}

} // namespace

ScriptedUserAgent::ScriptedUserAgent(QObject *parent) : QObject(parent)
{
    connect(&m_network, &QNetworkAccessManager::finished, this, &ScriptedUserAgent::onReply);
}

void ScriptedUserAgent::start(const QUrl &authorizationUrl)
{
    dropCallbackSocket();
    m_start = authorizationUrl;
    m_callback.clear();
    m_error.clear();
    m_callbackBody.clear();
    m_callbackStatus = 0;
    m_requests = 0;
    m_finished = false;
    get(authorizationUrl);
}

QUrl ScriptedUserAgent::run(const QUrl &authorizationUrl, int timeoutMs)
{
    QSignalSpy spy(this, &ScriptedUserAgent::finished);
    start(authorizationUrl);
    if (!m_finished && !spy.wait(timeoutMs))
        fail(QStringLiteral("the login pages did not finish within %1 ms").arg(timeoutMs));
    return m_callback;
}

void ScriptedUserAgent::get(const QUrl &url)
{
    if (++m_requests > maxRequests)
        return fail(QStringLiteral("too many redirects"));
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    m_network.get(request);
}

void ScriptedUserAgent::post(const QUrl &url, const QByteArray &form)
{
    if (++m_requests > maxRequests)
        return fail(QStringLiteral("too many requests"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    m_network.post(request, form);
}

void ScriptedUserAgent::onReply(QNetworkReply *reply)
{
    reply->deleteLater();
    if (m_finished || !m_callback.isEmpty())
        return;

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 300 && status < 400) {
        const QUrl location = reply->url().resolved(
                QUrl::fromEncoded(reply->rawHeader("Location"), QUrl::StrictMode));
        if (!location.isValid())
            return fail(QStringLiteral("a redirect without a usable Location"));
        if (sameOrigin(location, m_start))
            return get(location);
        // Leaving the server: this is the redirect to the app.
        m_callback = location;
        if (m_deliver)
            return deliverCallback();
        return done();
    }
    const QString page = QString::fromUtf8(reply->readAll());
    if (status != 200) {
        return fail(QStringLiteral("HTTP %1 from %2: %3")
                            .arg(status)
                            .arg(reply->url().path(), page.left(500)));
    }

    static const QRegularExpression form(QStringLiteral("<form[^>]*action=\"([^\"]+)\""));
    static const QRegularExpression abort(QStringLiteral("href=\"([^\"]*/abort)\""));
    const QRegularExpressionMatch formMatch = form.match(page);
    if (!formMatch.hasMatch())
        return fail(QStringLiteral("a page without a form: %1").arg(page.left(500)));
    const QUrl action = reply->url().resolved(QUrl(htmlUnescape(formMatch.captured(1))));

    if (page.contains(QLatin1String("name=\"login\""))) {
        post(action, "prompt=login&login=" + QUrl::toPercentEncoding(m_login) + "&password=x");
    } else if (page.contains(QLatin1String("value=\"consent\""))) {
        if (m_answer == Answer::Consent) {
            post(action, "prompt=consent");
        } else {
            const QRegularExpressionMatch abortMatch = abort.match(page);
            if (!abortMatch.hasMatch())
                return fail(QStringLiteral("the consent page has no cancel link"));
            get(reply->url().resolved(QUrl(htmlUnescape(abortMatch.captured(1)))));
        }
    } else {
        fail(QStringLiteral("a form that is neither login nor consent: %1").arg(page.left(500)));
    }
}

void ScriptedUserAgent::deliverCallback()
{
    if (++m_requests > maxRequests)
        return fail(QStringLiteral("too many requests"));
    dropCallbackSocket();
    m_callbackAnswer.clear();
    auto *socket = new QTcpSocket(this);
    m_callbackSocket = socket;
    connect(socket, &QTcpSocket::connected, this, [this, socket] {
        const QByteArray target = m_callback.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority
                                                       | QUrl::RemoveFragment);
        socket->write("GET " + target + " HTTP/1.1\r\nHost: " + m_callback.authority().toLatin1()
                      + "\r\nUser-Agent: ScriptedUserAgent\r\nAccept: text/html\r\n"
                        "Connection: close\r\n\r\n");
        socket->flush();
        emit callbackSent();
    });
    connect(socket, &QTcpSocket::readyRead, this,
            [this, socket] { m_callbackAnswer += socket->readAll(); });
    connect(socket, &QTcpSocket::disconnected, this, &ScriptedUserAgent::onCallbackAnswer);
    connect(socket, &QTcpSocket::errorOccurred, this,
            [this, socket](QAbstractSocket::SocketError error) {
                // A close after the answer is how it ends; disconnected() follows.
                if (error != QAbstractSocket::RemoteHostClosedError)
                    fail(QStringLiteral("the app's listener did not answer: %1")
                                 .arg(socket->errorString()));
            });
    socket->connectToHost(m_callback.host(), quint16(m_callback.port(80)));
}

void ScriptedUserAgent::onCallbackAnswer()
{
    if (m_finished)
        return;
    if (m_callbackSocket)
        m_callbackAnswer += m_callbackSocket->readAll();
    const qsizetype headEnd = m_callbackAnswer.indexOf("\r\n\r\n");
    if (!m_callbackAnswer.startsWith("HTTP/1.1 ") || headEnd < 0)
        return fail(QStringLiteral("the app's listener did not answer with HTTP: %1")
                            .arg(QString::fromLatin1(m_callbackAnswer.left(200))));
    m_callbackStatus = m_callbackAnswer.mid(9, 3).toInt();
    m_callbackBody = m_callbackAnswer.mid(headEnd + 4);
    done();
}

void ScriptedUserAgent::dropCallbackSocket()
{
    if (!m_callbackSocket)
        return;
    m_callbackSocket->disconnect(this);
    m_callbackSocket->abort();
    m_callbackSocket->deleteLater();
    m_callbackSocket = nullptr;
}

void ScriptedUserAgent::fail(const QString &why)
{
    if (m_finished)
        return;
    m_error = why;
    done();
}

void ScriptedUserAgent::done()
{
    if (m_finished)
        return;
    dropCallbackSocket();
    m_finished = true;
    emit finished();
}

} // namespace chairside::testsupport
