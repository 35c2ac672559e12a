#include "loopbackreceiver.h"

#include "callbackrequest.h"
#include "issuer.h"
#include "logging.h"

#include <QLocale>
#include <QTcpServer>
#include <QTcpSocket>

#include <openssl/crypto.h>

#include <limits>

namespace chairside {

namespace {

// Enough for any browser's request head; more is left in the kernel.
constexpr qint64 socketReadBuffer = 64 * 1024;
constexpr int maxCodeLength = 4096;
constexpr int maxShownLength = 200;

// The state is a secret for as long as the attempt lasts: compare it without
// leaking how many leading bytes matched. Its length is not secret.
bool sameSecret(const QByteArray &a, const QByteArray &b)
{
    return a.size() == b.size()
            && CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

// Text from the browser's address bar shown back to the user: printable ASCII
// only (what RFC 6749 allows in error_description), trimmed and shortened.
QString sanitised(const QString &text)
{
    QString result;
    for (QChar c : text) {
        if (c.unicode() >= 0x20 && c.unicode() < 0x7f)
            result.append(c);
    }
    result = result.simplified();
    if (result.size() > maxShownLength)
        result = result.left(maxShownLength - 1) + QChar(0x2026);
    return result;
}

// RFC 6749 §4.1.2: the code is made of VSCHAR (visible ASCII and space).
bool isUsableCode(const QString &code)
{
    if (code.isEmpty() || code.size() > maxCodeLength)
        return false;
    for (QChar c : code) {
        if (c.unicode() < 0x20 || c.unicode() >= 0x7f)
            return false;
    }
    return true;
}

bool isUsableCallbackPath(const QString &path)
{
    if (!path.startsWith(QLatin1Char('/')))
        return false;
    for (QChar c : path) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f || c == QLatin1Char('?')
            || c == QLatin1Char('#'))
            return false;
    }
    return true;
}

const char *reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 410: return "Gone";
    case 431: return "Request Header Fields Too Large";
    default: return "Error";
    }
}

} // namespace

LoopbackReceiver::LoopbackReceiver(QObject *parent) : QObject(parent)
{
    m_expiryTimer.setSingleShot(true);
    connect(&m_expiryTimer, &QTimer::timeout, this, &LoopbackReceiver::checkExpiry);
}

LoopbackReceiver::~LoopbackReceiver()
{
    m_state.fill('\0');
}

Result<void> LoopbackReceiver::start(const AuthorizationAttempt &attempt, bool alsoIpv6,
                                     const Clock &clock)
{
    if (m_waiting)
        return Error::usage(
                tr("A sign-in is already waiting for the browser. Finish or cancel it first."));
    if (attempt.state.isEmpty() || !isUsableCallbackPath(attempt.callbackPath))
        return Error::usage(tr("The sign-in could not start because its details are incomplete."));
    if (!attempt.expiresAt.isValid() || attempt.expiresAt <= clock.now())
        return Error::invalid(tr("The sign-in expired before it started. Please start it again."));

    // Both addresses must share one port, since the provider registered a
    // single redirect URI. Another program may hold the port on ::1; then
    // try another port.
    constexpr int tries = 8;
    QTcpServer *ipv4 = nullptr;
    QTcpServer *ipv6 = nullptr;
    for (int i = 0; i < tries && !ipv4; ++i) {
        ipv4 = new QTcpServer(this);
        if (!ipv4->listen(QHostAddress::LocalHost, 0)) {
            const QString reason = ipv4->errorString();
            delete ipv4;
            qCWarning(lcAuth) << "Cannot listen on 127.0.0.1:" << reason;
            return Error::invalid(
                    tr("Chairside could not open a local port to receive the sign-in (%1).")
                            .arg(reason));
        }
        if (!alsoIpv6)
            break;
        ipv6 = new QTcpServer(this);
        if (ipv6->listen(QHostAddress::LocalHostIPv6, ipv4->serverPort()))
            break;
        const bool portTaken = ipv6->serverError() == QAbstractSocket::AddressInUseError;
        const QString reason = ipv6->errorString();
        delete ipv6;
        ipv6 = nullptr;
        if (!portTaken) {
            // `localhost` then resolves to 127.0.0.1 in the browser, which
            // still reaches us.
            qCWarning(lcAuth).noquote()
                    << "IPv6 loopback (::1) is not available, listening on 127.0.0.1 only:"
                    << reason;
            break;
        }
        // Never leave a port that another program holds on ::1: the browser
        // may send `localhost` there, code and all.
        delete ipv4;
        ipv4 = nullptr;
    }
    if (!ipv4) {
        qCWarning(lcAuth) << "No port was free on both 127.0.0.1 and ::1 after" << tries << "tries";
        return Error::invalid(
                tr("Chairside could not open a local port to receive the sign-in. "
                   "Close other programs that use many network ports and try again."));
    }

    m_ipv4 = ipv4;
    m_ipv6 = ipv6;
    for (QTcpServer *server : {m_ipv4, m_ipv6}) {
        if (server)
            connect(server, &QTcpServer::newConnection, this, &LoopbackReceiver::acceptConnections);
    }
    m_port = m_ipv4->serverPort();
    m_redirectUri =
            QUrl(QStringLiteral("http://%1:%2%3")
                         .arg(alsoIpv6 ? QStringLiteral("localhost") : QStringLiteral("127.0.0.1"))
                         .arg(m_port)
                         .arg(attempt.callbackPath));
    m_state = attempt.state;
    m_callbackPath = attempt.callbackPath.toLatin1();
    m_expectedIssuer = attempt.expectedIssuer;
    m_expiresAt = attempt.expiresAt;
    m_clock = &clock;
    m_waiting = true;
    m_ending = Ending::None;
    checkExpiry(); // arms the timer

    qCInfo(lcAuth).noquote() << "Waiting for the" << attempt.provider << "sign-in on port" << m_port
                             << (m_ipv6 ? "(127.0.0.1 and ::1)" : "(127.0.0.1)");
    return {};
}

void LoopbackReceiver::cancel()
{
    finish(Ending::Cancelled, Error::invalid(tr("The sign-in was cancelled.")));
}

void LoopbackReceiver::checkExpiry()
{
    if (!m_waiting)
        return;
    const qint64 remaining = m_clock->now().msecsTo(m_expiresAt);
    if (remaining <= 0) {
        finish(Ending::TimedOut,
               Error::invalid(tr("The sign-in took too long and was stopped. Start it again when "
                                 "you are ready.")));
        return;
    }
    // Checked again when the timer fires: the clock may have been moved.
    m_expiryTimer.start(int(qMin<qint64>(remaining, std::numeric_limits<int>::max())));
}

bool LoopbackReceiver::isListening() const
{
    return m_ipv4 && m_ipv4->isListening();
}

QList<QHostAddress> LoopbackReceiver::listeningAddresses() const
{
    QList<QHostAddress> addresses;
    for (QTcpServer *server : {m_ipv4, m_ipv6}) {
        if (server && server->isListening())
            addresses.append(server->serverAddress());
    }
    return addresses;
}

void LoopbackReceiver::acceptConnections()
{
    for (QTcpServer *server : {m_ipv4, m_ipv6}) {
        if (!server)
            continue;
        while (server->hasPendingConnections() && openConnections() < maxConnections) {
            QTcpSocket *socket = server->nextPendingConnection();
            socket->setParent(this); // outlives the server when the attempt ends
            socket->setReadBufferSize(socketReadBuffer);
            m_buffers.insert(socket, {});
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readRequest(socket); });
            connect(socket, &QTcpSocket::disconnected, this,
                    [this, socket] { forgetConnection(socket); });
            // Against slow clients: the whole exchange must fit in the timeout.
            auto *deadline = new QTimer(socket);
            deadline->setSingleShot(true);
            connect(deadline, &QTimer::timeout, this, [this, socket] {
                forgetConnection(socket);
                socket->abort();
            });
            deadline->start(m_connectionTimeoutMs);
            // While it waited in the server's queue the socket may already
            // have read the request, or seen the client leave: the signals
            // for that went unheard.
            QMetaObject::invokeMethod(
                    socket,
                    [this, socket] {
                        if (socket->state() != QAbstractSocket::ConnectedState)
                            forgetConnection(socket); // nobody left to answer
                        else if (socket->bytesAvailable() > 0)
                            readRequest(socket);
                    },
                    Qt::QueuedConnection);
        }
        // The rest wait in the backlog until a slot frees up.
        if (openConnections() >= maxConnections)
            server->pauseAccepting();
    }
}

void LoopbackReceiver::forgetConnection(QTcpSocket *socket)
{
    if (!m_buffers.remove(socket) && !m_answered.remove(socket))
        return;
    socket->deleteLater();
    for (QTcpServer *server : {m_ipv4, m_ipv6}) {
        if (server)
            server->resumeAccepting();
    }
    acceptConnections();
}

void LoopbackReceiver::readRequest(QTcpSocket *socket)
{
    const auto it = m_buffers.find(socket);
    if (it == m_buffers.end()) {
        socket->readAll(); // answered already: drain, so the close is clean
        return;
    }
    it->append(socket->read(CallbackRequest::maxHeadBytes + 1 - it->size()));
    const CallbackRequest request = CallbackRequest::parse(*it);
    if (request.status() == CallbackRequest::Status::Incomplete)
        return;
    m_buffers.erase(it);
    m_answered.insert(socket);
    socket->readAll();

    Ending ending = Ending::None;
    Error error;
    QByteArray code;
    const Page page = answer(request, ending, error, code);
    respond(socket, page);
    if (socket->state() == QAbstractSocket::UnconnectedState)
        forgetConnection(socket); // closed at once, or the client had left
    if (ending != Ending::None)
        finish(ending, error, code);
}

LoopbackReceiver::Page LoopbackReceiver::answer(const CallbackRequest &request, Ending &ending,
                                                Error &error, QByteArray &code)
{
    const QString closeWindow = tr("You can close this window and return to Chairside.");
    switch (request.status()) {
    case CallbackRequest::Status::Complete: break;
    case CallbackRequest::Status::TooLarge:
        reject(request.problem());
        return {431,
                tr("Request too large"),
                tr("The request was too large for Chairside to read."),
                {}};
    case CallbackRequest::Status::NotGet:
        reject(request.problem());
        return {405, tr("Not allowed"),
                tr("Chairside only accepts the browser's return from a sign-in here."),
                QByteArrayLiteral("Allow: GET\r\n")};
    case CallbackRequest::Status::Malformed:
    case CallbackRequest::Status::Incomplete:
        reject(request.problem());
        return {400, tr("Bad request"), tr("Chairside could not read this request."), {}};
    }

    if (!m_waiting) {
        reject(QStringLiteral("no sign-in is waiting"));
        return {410,
                tr("No sign-in waiting"),
                tr("Chairside is not waiting for a sign-in any more. Return to Chairside to start "
                   "again."),
                {}};
    }
    if (request.path() != m_callbackPath) {
        reject(QStringLiteral("wrong path"));
        return {404,
                tr("Not found"),
                tr("Chairside is waiting for the sign-in at another address."),
                {}};
    }
    if (m_clock->now() >= m_expiresAt) {
        ending = Ending::TimedOut;
        error = Error::invalid(tr(
                "The sign-in took too long and was stopped. Start it again when you are ready."));
        return {200, tr("Sign-in expired"), error.message + QLatin1Char(' ') + closeWindow, {}};
    }
    // Not this attempt's state: a forged, stale or replayed request. Leave the
    // attempt waiting for the genuine one.
    const QString state = request.queryItem(QStringLiteral("state"));
    if (state.isEmpty() || !sameSecret(state.toUtf8(), m_state)) {
        reject(state.isEmpty() ? QStringLiteral("no state")
                               : QStringLiteral("state does not match"));
        return {400,
                tr("Unknown sign-in"),
                tr("This page does not belong to the sign-in Chairside is waiting for, so it was "
                   "ignored. "
                   "If you started a sign-in, finish it in the browser window Chairside opened."),
                {}};
    }

    // This attempt's answer: whatever it says, the attempt ends here.
    const QString failedTitle = tr("Sign-in not completed");
    // RFC 9207: when the server names itself, it must be the one we asked,
    // on error responses too (mix-up attack).
    if (request.hasQueryItem(QStringLiteral("iss"))
        && !issuer::matches(m_expectedIssuer, request.queryItem(QStringLiteral("iss")))) {
        ending = Ending::IssuerMismatch;
        error = Error::invalid(
                tr("The answer to this sign-in came from %1 instead of %2. Chairside stopped the "
                   "sign-in to keep the account safe; please start it again.")
                        .arg(sanitised(request.queryItem(QStringLiteral("iss"))),
                             m_expectedIssuer));
        return {200, failedTitle, error.message + QLatin1Char(' ') + closeWindow, {}};
    }
    if (request.hasQueryItem(QStringLiteral("error"))) {
        ending = Ending::ServerError;
        const QString serverError = sanitised(request.queryItem(QStringLiteral("error")));
        const QString description =
                sanitised(request.queryItem(QStringLiteral("error_description")));
        QString message = serverError == QLatin1String("access_denied")
                ? tr("Access was not granted in the browser, so the account is not connected. "
                     "Start the "
                     "sign-in again and allow access to connect it.")
                : tr("The sign-in server refused the sign-in (%1). Try again later; if it keeps "
                     "failing, "
                     "check the account's settings.")
                          .arg(serverError);
        if (!description.isEmpty())
            message += QLatin1Char(' ') + tr("The server says: \"%1\"").arg(description);
        error = Error::invalid(message);
        return {200, failedTitle, message + QLatin1Char(' ') + closeWindow, {}};
    }
    const QString receivedCode = request.queryItem(QStringLiteral("code"));
    if (!isUsableCode(receivedCode)) {
        ending = Ending::MissingCode;
        error = Error::invalid(
                receivedCode.isEmpty()
                        ? tr("The sign-in server did not send an authorization code. Please "
                             "start the sign-in again.")
                        : tr("The sign-in server sent an authorization code Chairside cannot "
                             "use. Please start the sign-in again."));
        return {200, failedTitle, error.message + QLatin1Char(' ') + closeWindow, {}};
    }
    ending = Ending::CodeReceived;
    code = receivedCode.toLatin1();
    return {200, tr("Signed in"), closeWindow, {}};
}

void LoopbackReceiver::respond(QTcpSocket *socket, const Page &page)
{
    // Self-contained: no scripts, images or links that could carry the
    // address (and its code) anywhere.
    const QString html =
            QStringLiteral("<!DOCTYPE html>\n<html lang=\"%1\"><head><meta charset=\"utf-8\">"
                           "<title>%2</title><style>body{font-family:sans-serif;max-width:34em;"
                           "margin:4em auto;padding:0 1em;color:#222;line-height:1.4}</style>"
                           "</head><body><h1>%2</h1><p>%3</p></body></html>\n")
                    .arg(QLocale().bcp47Name().toHtmlEscaped(), page.title.toHtmlEscaped(),
                         page.text.toHtmlEscaped());
    const QByteArray body = html.toUtf8();
    QByteArray head = "HTTP/1.1 " + QByteArray::number(page.status) + ' '
            + reasonPhrase(page.status) + "\r\n";
    head += "Content-Type: text/html; charset=utf-8\r\n"
            "Content-Length: "
            + QByteArray::number(body.size())
            + "\r\n"
              "Connection: close\r\n"
              "Cache-Control: no-store\r\n"
              "Referrer-Policy: no-referrer\r\n"
              "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\n"
              "X-Content-Type-Options: nosniff\r\n"
              "X-Frame-Options: DENY\r\n";
    head += page.extraHeaders;
    head += "\r\n";
    socket->write(head + body);
    socket->disconnectFromHost();
}

void LoopbackReceiver::reject(const QString &reason)
{
    qCDebug(lcAuth).noquote() << "Sign-in callback request refused:" << reason;
    emit requestRejected(reason);
}

void LoopbackReceiver::finish(Ending ending, const Error &error, const QByteArray &code)
{
    if (!m_waiting)
        return;
    m_waiting = false;
    m_ending = ending;
    m_expiryTimer.stop();
    stopListening();
    m_state.fill('\0');
    m_state.clear();
    qCInfo(lcAuth) << "Sign-in callback finished:" << ending;
    // Last, since a slot may start another attempt on this receiver.
    if (ending == Ending::CodeReceived)
        emit codeReceived(code);
    else
        emit failed(error);
}

void LoopbackReceiver::stopListening()
{
    for (QTcpServer **server : {&m_ipv4, &m_ipv6}) {
        if (!*server)
            continue;
        (*server)->close();
        (*server)->deleteLater(); // takes connections it accepted but we did not
        *server = nullptr;
    }
}

} // namespace chairside
