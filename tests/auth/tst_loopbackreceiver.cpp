#include "auth/loopbackreceiver.h"
#include "auth/pkce.h"

#include <QEventLoop>
#include <QNetworkInterface>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <unistd.h>

using namespace chairside;

namespace {

class TestClock : public Clock
{
public:
    QDateTime now() const override { return m_now; }
    void advance(qint64 seconds) { m_now = m_now.addSecs(seconds); }

private:
    QDateTime m_now = QDateTime(QDate(2026, 3, 29), QTime(0, 30), Qt::UTC);
};

const QString issuer = QStringLiteral("http://127.0.0.1:4010");
// A state as Pkce::randomToken(16) makes them, for rows that alter it.
const QByteArray knownState = QByteArrayLiteral("kO3vT9xq2LbW7mZr5yNd1A");

AuthorizationAttempt makeAttempt(const Clock &clock,
                                 int lifetimeSeconds = AuthorizationAttempt::lifetimeSeconds)
{
    AuthorizationAttempt attempt;
    attempt.provider = QStringLiteral("oidc");
    attempt.callbackPath = QStringLiteral("/cb/oidc");
    attempt.expectedIssuer = issuer;
    attempt.state = Pkce::randomToken(16);
    attempt.verifier = Pkce::randomToken();
    attempt.nonce = Pkce::randomToken(16);
    attempt.expiresAt = clock.now().addSecs(lifetimeSeconds);
    return attempt;
}

QByteArray getRequest(const QByteArray &target)
{
    return "GET " + target
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\n"
              "Accept: text/html\r\nAccept-Language: en\r\n\r\n";
}

QByteArray genuineRequest(const AuthorizationAttempt &attempt,
                          const QByteArray &code = "SplxlOBeZQQYbYS6WxSbIA")
{
    return getRequest(attempt.callbackPath.toLatin1() + "?code=" + code + "&state=" + attempt.state
                      + "&iss=" + QUrl::toPercentEncoding(issuer));
}

// What a client saw: whether it connected, the response, how it ended.
struct Reply
{
    bool connected = false;
    QAbstractSocket::SocketError error = QAbstractSocket::UnknownSocketError;
    QByteArray raw;

    int status() const { return raw.startsWith("HTTP/1.1 ") ? raw.mid(9, 3).toInt() : 0; }
    QByteArray body() const { return raw.mid(raw.indexOf("\r\n\r\n") + 4); }
    QByteArray header(const QByteArray &name) const
    {
        const QList<QByteArray> lines = raw.left(raw.indexOf("\r\n\r\n")).split('\n');
        for (const QByteArray &line : lines) {
            if (line.toLower().startsWith(name.toLower() + ':'))
                return line.mid(name.size() + 1).trimmed();
        }
        return {};
    }
};

// Connects, sends `request`, reads until the server closes. The event loop
// runs meanwhile, so the receiver in this thread does its work.
Reply exchange(const QHostAddress &address, quint16 port, const QByteArray &request)
{
    Reply reply;
    QTcpSocket socket;
    QEventLoop loop;
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::connected, &loop, [&] {
        reply.connected = true;
        socket.write(request);
    });
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop,
                     [&] { reply.raw += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop,
                     [&](QAbstractSocket::SocketError error) {
                         reply.error = error;
                         if (error != QAbstractSocket::RemoteHostClosedError)
                             loop.quit();
                     });
    guard.start(10000);
    socket.connectToHost(address, port);
    loop.exec();
    reply.raw += socket.readAll();
    return reply;
}

Reply exchange(const LoopbackReceiver &receiver, const QByteArray &request)
{
    return exchange(QHostAddress(QHostAddress::LocalHost), receiver.port(), request);
}

// Set for the copy of this test that runs in a network namespace.
const char insideNamespaceVariable[] = "CHAIRSIDE_TEST_IN_NETWORK_NAMESPACE";

struct NamespaceRun
{
    bool made = false; // the namespace with its addresses was ready
    QString why;       // when not
    int exitCode = -1;
    QByteArray output;
};

// Runs this test's `function` again in a new network namespace (unshare;
// in a user namespace too where plain unshare is not allowed) that has
// loopback and one interface with 192.0.2.10 and 2001:db8::10
// (documentation addresses). The namespace goes with the process: the
// machine's own network is not touched.
NamespaceRun runInNetworkNamespace(const char *function)
{
    NamespaceRun run;
    const QStringList systemPaths{QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"),
                                  QStringLiteral("/usr/bin"), QStringLiteral("/bin")};
    QString unshare = QStandardPaths::findExecutable(QStringLiteral("unshare"));
    if (unshare.isEmpty())
        unshare = QStandardPaths::findExecutable(QStringLiteral("unshare"), systemPaths);
    QString ip = QStandardPaths::findExecutable(QStringLiteral("ip"));
    if (ip.isEmpty())
        ip = QStandardPaths::findExecutable(QStringLiteral("ip"), systemPaths);
    if (unshare.isEmpty() || ip.isEmpty()) {
        run.why = QStringLiteral("unshare (util-linux) or ip (iproute2) is not installed");
        return run;
    }
    // A dummy interface where the kernel has them, else a veth pair. IPv6
    // may be off in the namespace; IPv4 is enough to try.
    const QString script = QStringLiteral(
            "ip=$1; shift\n"
            "\"$ip\" link set lo up || exit 97\n"
            "\"$ip\" link add chairside0 type dummy 2>/dev/null"
            " || \"$ip\" link add chairside0 type veth peer name chairside1 || exit 97\n"
            "\"$ip\" address add 192.0.2.10/24 dev chairside0 || exit 97\n"
            "\"$ip\" address add 2001:db8::10/64 dev chairside0 nodad 2>/dev/null\n"
            "\"$ip\" link set chairside0 up || exit 97\n"
            "\"$ip\" link set chairside1 up 2>/dev/null\n"
            "echo NAMESPACE-READY\n"
            "exec \"$@\"\n");
    const QStringList command{QStringLiteral("--net"),
                              QStringLiteral("--"),
                              QStringLiteral("/bin/sh"),
                              QStringLiteral("-c"),
                              script,
                              QStringLiteral("sh"),
                              ip,
                              QCoreApplication::applicationFilePath(),
                              QString::fromLatin1(function)};
    // Root may still lack the right to make a network namespace (a
    // container): a user namespace of its own then gives it.
    const QStringList inUserNamespace{QStringLiteral("--user"), QStringLiteral("--map-root-user")};
    QList<QStringList> tries{inUserNamespace + command};
    if (::geteuid() == 0)
        tries.prepend(command);

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(insideNamespaceVariable), QStringLiteral("1"));
    for (const QStringList &arguments : std::as_const(tries)) {
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(unshare, arguments);
        if (!process.waitForFinished(120 * 1000)) {
            process.kill();
            process.waitForFinished();
            run.why = QStringLiteral("unshare did not finish: %1").arg(process.errorString());
            return run;
        }
        run.output = process.readAllStandardOutput();
        const QByteArray errors = process.readAllStandardError();
        run.made = run.output.startsWith("NAMESPACE-READY\n");
        run.output += errors;
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        if (run.made)
            return run;
        run.why = QString::fromLocal8Bit(errors.trimmed()).section(QLatin1Char('\n'), -1);
    }
    return run;
}

bool isWaiting(const LoopbackReceiver &receiver)
{
    return receiver.isListening() && receiver.ending() == LoopbackReceiver::Ending::None;
}

} // namespace

class TestLoopbackReceiver : public QObject
{
    Q_OBJECT

private slots:
    void genuineCallback();
    void callback_data();
    void callback();
    void nearMissState_data();
    void nearMissState();
    void malformedRequest_data();
    void malformedRequest();
    void replayedStateOfEarlierAttempt();
    void expiredByClock();
    void expiredWhenCallbackArrives();
    void expiresByTimer();
    void cancel();
    void secondCallbackRefused();
    void errorDescriptionSanitised();
    void startRefused_data();
    void startRefused();
    void notReachableOnOtherAddresses();
    void ipv6OnSamePort();
    void slowClientClosed();
    void requestInPieces();
    void idleConnectionsCannotBlock();

private:
    void checkNotReachable(int &tried);
};

void TestLoopbackReceiver::genuineCallback()
{
    TestClock clock;
    LoopbackReceiver receiver;
    const AuthorizationAttempt attempt = makeAttempt(clock);
    QVERIFY(receiver.start(attempt, false, clock).ok());
    QVERIFY(receiver.port() > 0);
    QCOMPARE(receiver.redirectUri().toString(),
             QStringLiteral("http://127.0.0.1:%1/cb/oidc").arg(receiver.port()));
    QCOMPARE(receiver.listeningAddresses(),
             QList<QHostAddress>{QHostAddress(QHostAddress::LocalHost)});

    QSignalSpy codes(&receiver, &LoopbackReceiver::codeReceived);
    QSignalSpy failures(&receiver, &LoopbackReceiver::failed);
    const Reply reply = exchange(receiver, genuineRequest(attempt));

    QCOMPARE(reply.status(), 200);
    QCOMPARE(reply.header("Content-Type"), QByteArray("text/html; charset=utf-8"));
    QCOMPARE(reply.header("Content-Length").toInt(), reply.body().size());
    QCOMPARE(reply.header("Connection"), QByteArray("close"));
    QCOMPARE(reply.header("Cache-Control"), QByteArray("no-store"));
    QCOMPARE(reply.header("Referrer-Policy"), QByteArray("no-referrer"));
    QVERIFY(reply.body().contains("You can close this window and return to Chairside."));
    QVERIFY(!reply.body().contains("SplxlOBeZQQYbYS6WxSbIA"));

    QCOMPARE(codes.size(), 1);
    QCOMPARE(codes.at(0).at(0).toByteArray(), QByteArray("SplxlOBeZQQYbYS6WxSbIA"));
    QCOMPARE(failures.size(), 0);
    QCOMPARE(receiver.ending(), LoopbackReceiver::Ending::CodeReceived);
    QVERIFY(!receiver.isListening());
    // Still known after the end: the token request repeats it.
    QVERIFY(receiver.redirectUri().isValid());
}

void TestLoopbackReceiver::callback_data()
{
    using Ending = LoopbackReceiver::Ending;
    QTest::addColumn<QByteArray>("target"); // {state} and {iss} are filled in
    QTest::addColumn<int>("status");
    QTest::addColumn<Ending>("ending"); // None: the attempt keeps waiting
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QString>("messagePart");

    const QByteArray code = "SplxlOBeZQQYbYS6WxSbIA";
    QTest::addRow("genuine with iss") << "/cb/oidc?code=" + code + "&state={state}&iss={iss}" << 200
                                      << Ending::CodeReceived << code << QString();
    QTest::addRow("no iss, Google style")
            << QByteArray("/cb/oidc?state={state}&code=4%2F0AeanS0Y-x_z&scope=email%20openid")
            << 200 << Ending::CodeReceived << QByteArray("4/0AeanS0Y-x_z") << QString();
    QTest::addRow("form-encoded plus is a space")
            << QByteArray("/cb/oidc?code=a+b%2Bc&state={state}") << 200 << Ending::CodeReceived
            << QByteArray("a b+c") << QString();
    QTest::addRow("wrong state") << "/cb/oidc?code=" + code + "&state=" + Pkce::randomToken(16)
                                 << 400 << Ending::None << QByteArray() << QString();
    QTest::addRow("state with one character added")
            << "/cb/oidc?code=" + code + "&state={state}x" << 400 << Ending::None << QByteArray()
            << QString();
    QTest::addRow("missing state")
            << "/cb/oidc?code=" + code << 400 << Ending::None << QByteArray() << QString();
    QTest::addRow("empty state") << "/cb/oidc?code=" + code + "&state=" << 400 << Ending::None
                                 << QByteArray() << QString();
    QTest::addRow("state twice") << "/cb/oidc?code=" + code + "&state={state}&state={state}" << 400
                                 << Ending::None << QByteArray() << QString();
    QTest::addRow("no query at all")
            << QByteArray("/cb/oidc") << 400 << Ending::None << QByteArray() << QString();
    QTest::addRow("wrong state with an error")
            << QByteArray("/cb/oidc?error=access_denied&state=forged") << 400 << Ending::None
            << QByteArray() << QString();
    QTest::addRow("missing code") << QByteArray("/cb/oidc?state={state}&iss={iss}") << 200
                                  << Ending::MissingCode << QByteArray()
                                  << QStringLiteral("authorization code");
    QTest::addRow("empty code") << QByteArray("/cb/oidc?code=&state={state}") << 200
                                << Ending::MissingCode << QByteArray()
                                << QStringLiteral("authorization code");
    QTest::addRow("code with a control character")
            << QByteArray("/cb/oidc?code=ab%0Acd&state={state}") << 200 << Ending::MissingCode
            << QByteArray() << QStringLiteral("cannot use");
    QTest::addRow("access denied") << QByteArray(
            "/cb/"
            "oidc?error=access_denied&error_description=The+user+said+no&state={state}&iss={iss}")
                                   << 200 << Ending::ServerError << QByteArray()
                                   << QStringLiteral("The user said no");
    QTest::addRow("server error") << QByteArray(
            "/cb/oidc?error=temporarily_unavailable&state={state}")
                                  << 200 << Ending::ServerError << QByteArray()
                                  << QStringLiteral("temporarily_unavailable");
    QTest::addRow("iss of another server")
            << "/cb/oidc?code=" + code + "&state={state}&iss=https%3A%2F%2Fevil.example" << 200
            << Ending::IssuerMismatch << QByteArray() << QStringLiteral("https://evil.example");
    QTest::addRow("iss with a trailing slash")
            << "/cb/oidc?code=" + code + "&state={state}&iss={iss}%2F" << 200
            << Ending::IssuerMismatch << QByteArray() << issuer;
    QTest::addRow("empty iss") << "/cb/oidc?code=" + code + "&state={state}&iss=" << 200
                               << Ending::IssuerMismatch << QByteArray() << QString();
    QTest::addRow("error from another server")
            << QByteArray(
                       "/cb/oidc?error=access_denied&state={state}&iss=https%3A%2F%2Fevil.example")
            << 200 << Ending::IssuerMismatch << QByteArray() << QStringLiteral("evil.example");
    QTest::addRow("wrong path") << "/cb/google?code=" + code + "&state={state}" << 404
                                << Ending::None << QByteArray() << QString();
    QTest::addRow("favicon") << QByteArray("/favicon.ico") << 404 << Ending::None << QByteArray()
                             << QString();
    QTest::addRow("longer path") << "/cb/oidc/x?code=" + code + "&state={state}" << 404
                                 << Ending::None << QByteArray() << QString();
    QTest::addRow("percent-encoded path") << "/cb/%6Fidc?code=" + code + "&state={state}" << 404
                                          << Ending::None << QByteArray() << QString();
    QTest::addRow("bad percent-encoding") << QByteArray("/cb/oidc?code=%zz&state={state}") << 400
                                          << Ending::None << QByteArray() << QString();
    QTest::addRow("truncated percent-encoding") << QByteArray("/cb/oidc?state={state}&code=%4")
                                                << 400 << Ending::None << QByteArray() << QString();
}

void TestLoopbackReceiver::callback()
{
    using Ending = LoopbackReceiver::Ending;
    QFETCH(QByteArray, target);
    QFETCH(int, status);
    QFETCH(Ending, ending);
    QFETCH(QByteArray, code);
    QFETCH(QString, messagePart);

    TestClock clock;
    LoopbackReceiver receiver;
    const AuthorizationAttempt attempt = makeAttempt(clock);
    QVERIFY(receiver.start(attempt, false, clock).ok());
    QSignalSpy codes(&receiver, &LoopbackReceiver::codeReceived);
    QSignalSpy failures(&receiver, &LoopbackReceiver::failed);
    QSignalSpy rejections(&receiver, &LoopbackReceiver::requestRejected);

    target.replace("{state}", attempt.state).replace("{iss}", QUrl::toPercentEncoding(issuer));
    const Reply reply = exchange(receiver, getRequest(target));
    QCOMPARE(reply.status(), status);
    QCOMPARE(reply.header("Content-Length").toInt(), reply.body().size());
    QCOMPARE(reply.header("Cache-Control"), QByteArray("no-store"));
    QCOMPARE(reply.header("Referrer-Policy"), QByteArray("no-referrer"));
    QCOMPARE(receiver.ending(), ending);

    if (ending == Ending::None) {
        // Ignored: nothing emitted, still listening, and the genuine callback works.
        QCOMPARE(rejections.size(), 1);
        QVERIFY(!rejections.at(0).at(0).toString().contains(QString::fromLatin1(attempt.state)));
        QCOMPARE(codes.size() + failures.size(), 0);
        QVERIFY(isWaiting(receiver));
        QCOMPARE(exchange(receiver, genuineRequest(attempt, "genuine")).status(), 200);
        QCOMPARE(codes.size(), 1);
        QCOMPARE(codes.at(0).at(0).toByteArray(), QByteArray("genuine"));
    } else if (ending == Ending::CodeReceived) {
        QCOMPARE(codes.size(), 1);
        QCOMPARE(codes.at(0).at(0).toByteArray(), code);
        QCOMPARE(failures.size(), 0);
        QVERIFY(reply.body().contains("You can close this window and return to Chairside."));
    } else {
        QCOMPARE(codes.size(), 0);
        QCOMPARE(failures.size(), 1);
        const auto error = failures.at(0).at(0).value<Error>();
        QVERIFY2(error.message.contains(messagePart), qPrintable(error.message));
        QVERIFY(reply.body().contains("You can close this window and return to Chairside."));
    }
    if (ending != Ending::None) {
        QVERIFY(!receiver.isListening());
        QCOMPARE(exchange(receiver, genuineRequest(attempt)).error,
                 QAbstractSocket::ConnectionRefusedError);
    }
}

// The state is the attempt's protection against forged callbacks (CSRF):
// only all of it, byte for byte, may end the attempt. Near misses of the
// genuine value are refused like any stranger's, and the attempt goes on.
void TestLoopbackReceiver::nearMissState_data()
{
    QTest::addColumn<QByteArray>("state"); // as it appears in the query
    QTest::addColumn<bool>("accepted");

    const QByteArray genuine = knownState;
    QByteArray lastChanged = genuine;
    lastChanged.back() = lastChanged.back() == 'A' ? 'B' : 'A';
    QByteArray firstChanged = genuine;
    firstChanged.front() = firstChanged.front() == 'A' ? 'B' : 'A';
    QByteArray percentEncoded;
    for (char c : genuine)
        percentEncoded += '%' + QByteArray(1, c).toHex().toUpper();

    QTest::addRow("genuine") << genuine << true;
    // Compared after decoding, as the provider may encode it.
    QTest::addRow("genuine, percent-encoded") << percentEncoded << true;
    QTest::addRow("shortened by one") << genuine.chopped(1) << false;
    QTest::addRow("first character missing") << genuine.mid(1) << false;
    QTest::addRow("first half") << genuine.left(genuine.size() / 2) << false;
    QTest::addRow("only the first character") << genuine.left(1) << false;
    QTest::addRow("one character added") << genuine + 'A' << false;
    QTest::addRow("one character added in front") << 'A' + genuine << false;
    QTest::addRow("last character changed") << lastChanged << false;
    QTest::addRow("first character changed") << firstChanged << false;
    QTest::addRow("other case") << genuine.toUpper() << false;
    QTest::addRow("twice") << genuine + genuine << false;
    QTest::addRow("NUL after it") << genuine + "%00" << false;
    QTest::addRow("space after it") << genuine + "%20" << false;
    QTest::addRow("plus after it") << genuine + '+' << false;
}

void TestLoopbackReceiver::nearMissState()
{
    QFETCH(QByteArray, state);
    QFETCH(bool, accepted);

    TestClock clock;
    LoopbackReceiver receiver;
    AuthorizationAttempt attempt = makeAttempt(clock);
    attempt.state = knownState;
    QVERIFY(receiver.start(attempt, false, clock).ok());
    QSignalSpy codes(&receiver, &LoopbackReceiver::codeReceived);
    QSignalSpy failures(&receiver, &LoopbackReceiver::failed);
    QSignalSpy rejections(&receiver, &LoopbackReceiver::requestRejected);

    const Reply reply = exchange(receiver,
                                 getRequest("/cb/oidc?code=sent&state=" + state
                                            + "&iss=" + QUrl::toPercentEncoding(issuer)));
    if (accepted) {
        QCOMPARE(reply.status(), 200);
        QCOMPARE(codes.size(), 1);
        QCOMPARE(codes.at(0).at(0).toByteArray(), QByteArray("sent"));
        QCOMPARE(rejections.size(), 0);
        return;
    }
    QCOMPARE(reply.status(), 400);
    QCOMPARE(rejections.size(), 1);
    QCOMPARE(rejections.at(0).at(0).toString(), QStringLiteral("state does not match"));
    QCOMPARE(codes.size() + failures.size(), 0);
    QVERIFY(isWaiting(receiver));

    // The genuine callback still ends it.
    QCOMPARE(exchange(receiver, genuineRequest(attempt, "genuine")).status(), 200);
    QCOMPARE(codes.size(), 1);
    QCOMPARE(codes.at(0).at(0).toByteArray(), QByteArray("genuine"));
}

void TestLoopbackReceiver::malformedRequest_data()
{
    QTest::addColumn<QByteArray>("request"); // {genuine} is the genuine target
    QTest::addColumn<int>("status");

    QTest::addRow("POST") << QByteArray(
            "POST {genuine} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n")
                          << 405;
    QTest::addRow("HEAD") << QByteArray("HEAD {genuine} HTTP/1.1\r\n\r\n") << 405;
    QTest::addRow("lower-case get") << QByteArray("get {genuine} HTTP/1.1\r\n\r\n") << 405;
    QTest::addRow("garbage bytes")
            << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) << 400;
    QTest::addRow("binary after the request line")
            << QByteArray("GET {genuine} HTTP/1.1\r\n\x01\x02\x03") << 400;
    QTest::addRow("oversized header") << "GET {genuine} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: "
                    + QByteArray(20000, 'a')
                    + "\r\n\r\n" << 431;
    QTest::addRow("oversized request line") << "GET /cb/oidc?x=" + QByteArray(9000, 'a')
                    + " HTTP/1.1\r\n\r\n" << 431;
    QTest::addRow("too many header lines")
            << "GET {genuine} HTTP/1.1\r\n" + QByteArray("A: b\r\n").repeated(150) + "\r\n"
            << 431;
    QTest::addRow("HTTP/0.9") << QByteArray("GET {genuine}\r\n\r\n") << 400;
    QTest::addRow("HTTP/2.0") << QByteArray("GET {genuine} HTTP/2.0\r\n\r\n") << 400;
    QTest::addRow("bare LF") << QByteArray("GET {genuine} HTTP/1.1\n\n") << 400;
    QTest::addRow("two spaces") << QByteArray("GET  {genuine} HTTP/1.1\r\n\r\n") << 400;
    QTest::addRow("absolute form")
            << QByteArray("GET http://127.0.0.1{genuine} HTTP/1.1\r\n\r\n") << 400;
    QTest::addRow("fragment") << QByteArray("GET {genuine}#x HTTP/1.1\r\n\r\n") << 400;
    QTest::addRow("header without colon")
            << QByteArray("GET {genuine} HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n") << 400;
    QTest::addRow("folded header")
            << QByteArray("GET {genuine} HTTP/1.1\r\nA: b\r\n c\r\n\r\n") << 400;
    QTest::addRow("space before colon")
            << QByteArray("GET {genuine} HTTP/1.1\r\nHost : x\r\n\r\n") << 400;
    QTest::addRow("NUL in the target") << QByteArray("GET /cb/oidc\0 HTTP/1.1\r\n\r\n", 26) << 400;
    QTest::addRow("non-ASCII in the target")
            << QByteArray("GET /cb/oidc?state=\xc3\xa9 HTTP/1.1\r\n\r\n") << 400;
}

void TestLoopbackReceiver::malformedRequest()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);

    TestClock clock;
    LoopbackReceiver receiver;
    const AuthorizationAttempt attempt = makeAttempt(clock);
    QVERIFY(receiver.start(attempt, false, clock).ok());
    QSignalSpy codes(&receiver, &LoopbackReceiver::codeReceived);
    QSignalSpy failures(&receiver, &LoopbackReceiver::failed);
    QSignalSpy rejections(&receiver, &LoopbackReceiver::requestRejected);

    // Even with this attempt's state inside, a malformed request is refused.
    const QByteArray target = genuineRequest(attempt).split(' ').at(1);
    const Reply reply = exchange(receiver, request.replace("{genuine}", target));
    QCOMPARE(reply.status(), status);
    QCOMPARE(reply.header("Connection"), QByteArray("close"));
    QCOMPARE(rejections.size(), 1);
    QCOMPARE(codes.size() + failures.size(), 0);
    QVERIFY(isWaiting(receiver));
    QCOMPARE(receiver.openConnections(), 0);

    QCOMPARE(exchange(receiver, genuineRequest(attempt)).status(), 200);
    QCOMPARE(codes.size(), 1);
}

// A callback carrying the state of an earlier, finished attempt is replayed
// or stale: the new attempt ignores it and keeps waiting.
void TestLoopbackReceiver::replayedStateOfEarlierAttempt()
{
    TestClock clock;
    LoopbackReceiver receiver;
    QSignalSpy codes(&receiver, &LoopbackReceiver::codeReceived);
    const AuthorizationAttempt first = makeAttempt(clock);
    QVERIFY(receiver.start(first, false, clock).ok());
    QCOMPARE(exchange(receiver, genuineRequest(first, "first")).status(), 200);
    QCOMPARE(codes.size(), 1);

    const AuthorizationAttempt second = makeAttempt(clock);
    QVERIFY(receiver.start(second, false, clock).ok());
    QCOMPARE(receiver.ending(), LoopbackReceiver::Ending::None);
    QSignalSpy rejections(&receiver, &LoopbackReceiver::requestRejected);
    const Reply replayed = exchange(receiver, genuineRequest(first, "first"));
    QCOMPARE(replayed.status(), 400);
    QCOMPARE(rejections.size(), 1);
    QCOMPARE(rejections.at(0).at(0).toString(), QStringLiteral("state does not match"));
    QCOMPARE(codes.size(), 1);
    QVERIFY(isWaiting(receiver));

    QCOMPARE(exchange(receiver, genuineRequest(second, "second")).status(), 200);
    QCOMPARE(codes.size(), 2);
    QCOMPARE(codes.at(1).at(0).toByteArray(), QByteArray("second"));
}

void TestLoopbackReceiver::expiredByClock()
{
    TestClock clock;
    LoopbackReceiver receiver;
    const AuthorizationAttempt attempt = makeAttempt(clock);
    QVERIFY(receiver.start(attempt, false, clock).ok());
    const quint16 port = receiver.port();
    QSignalSpy failures(&receiver, &LoopbackReceiver::failed);

    clock.advance(AuthorizationAttempt::lifetimeSeconds - 1);
    receiver.checkExpiry();
    QCOMPARE(failures.size(), 0);
    QVERIFY(isWaiting(receiver));

    clock.advance(1);
    receiver.checkExpiry();
    QCOMPARE(failures.size(), 1);
    QCOMPARE(receiver.ending(), LoopbackReceiver::Ending::TimedOut);
    QVERIFY(failures.at(0).at(0).value<Error>().message.contains(QStringLiteral("too long")));
    QVERIFY(!receiver.isListening());
    QCOMPARE(exchange(QHostAddress(QHostAddress::LocalHost), port, genuineRequest(attempt)).error,
             QAbstractSocket::ConnectionRefusedError);
}

// The expiry timer may not have fired yet (a laptop waking from sleep): the
// callback itself is checked against the clock.
void TestLoopbackReceiver::expiredWhenCallbackArrives()
{
    TestClock clock;
    LoopbackReceiver receiver;
    const AuthorizationAttempt attempt = makeAttempt(clock);
    QVERIFY(receiver.start(attempt, false, clock).ok());
    QSignalSpy codes(&receiver, &LoopbackReceiver::codeReceived);
    QSignalSpy failures(&receiver, &LoopbackReceiver::failed);

    clock.advance(AuthorizationAttempt::lifetimeSeconds + 60);
    const Reply reply = exchange(receiver, genuineRequest(attempt));
    QCOMPARE(reply.status(), 200);
    QVERIFY(reply.body().contains("You can close this window"));
    QCOMPARE(codes.size(), 0);
    QCOMPARE(failures.size(), 1);
    QCOMPARE(receiver.ending(), LoopbackReceiver::Ending::TimedOut);
    QVERIFY(!receiver.isListening());
}

void TestLoopbackReceiver::expiresByTimer()
{
    LoopbackReceiver receiver;
    AuthorizationAttempt attempt = makeAttempt(Clock::system());
    attempt.expiresAt = Clock::system().now().addMSecs(200);
    QVERIFY(receiver.start(attempt, false).ok());
    QSignalSpy failures(&receiver, &LoopbackReceiver::failed);
    QVERIFY(failures.wait(5000));
    QCOMPARE(failures.size(), 1);
    QCOMPARE(receiver.ending(), LoopbackReceiver::Ending::TimedOut);
    QVERIFY(!receiver.isListening());
}

void TestLoopbackReceiver::cancel()
{
    TestClock clock;
    LoopbackReceiver receiver;
    const AuthorizationAttempt attempt = makeAttempt(clock);
    QVERIFY(receiver.start(attempt, false, clock).ok());
    const quint16 port = receiver.port();
    QSignalSpy failures(&receiver, &LoopbackReceiver::failed);

    receiver.cancel();
    QCOMPARE(failures.size(), 1);
    QCOMPARE(receiver.ending(), LoopbackReceiver::Ending::Cancelled);
    QVERIFY(failures.at(0).at(0).value<Error>().message.contains(QStringLiteral("cancelled")));
    QVERIFY(!receiver.isListening());
    receiver.cancel();
    QCOMPARE(failures.size(), 1);
    QCOMPARE(exchange(QHostAddress(QHostAddress::LocalHost), port, genuineRequest(attempt)).error,
             QAbstractSocket::ConnectionRefusedError);

    // The receiver can serve a fresh attempt afterwards.
    const AuthorizationAttempt next = makeAttempt(clock);
    QVERIFY(receiver.start(next, false, clock).ok());
    QVERIFY(isWaiting(receiver));
}

void TestLoopbackReceiver::secondCallbackRefused()
{
    TestClock clock;
    LoopbackReceiver receiver;
    const AuthorizationAttempt attempt = makeAttempt(clock);
    QVERIFY(receiver.start(attempt, false, clock).ok());
    QSignalSpy codes(&receiver, &LoopbackReceiver::codeReceived);
    QSignalSpy failures(&receiver, &LoopbackReceiver::failed);

    QCOMPARE(exchange(receiver, genuineRequest(attempt, "first")).status(), 200);
    const Reply second = exchange(receiver, genuineRequest(attempt, "second"));
    QVERIFY(!second.connected);
    QCOMPARE(second.error, QAbstractSocket::ConnectionRefusedError);
    QCOMPARE(codes.size(), 1);
    QCOMPARE(codes.at(0).at(0).toByteArray(), QByteArray("first"));
    QCOMPARE(failures.size(), 0);
}

void TestLoopbackReceiver::errorDescriptionSanitised()
{
    TestClock clock;
    LoopbackReceiver receiver;
    const AuthorizationAttempt attempt = makeAttempt(clock);
    QVERIFY(receiver.start(attempt, false, clock).ok());
    QSignalSpy failures(&receiver, &LoopbackReceiver::failed);

    const QByteArray description =
            QUrl::toPercentEncoding(QStringLiteral("<script>alert(1)</script>\x1b[31m\u202eevil ")
                                    + QString(5000, QLatin1Char('x')));
    const Reply reply = exchange(receiver,
                                 getRequest("/cb/oidc?error=invalid_request&error_description="
                                            + description + "&state=" + attempt.state));
    QCOMPARE(reply.status(), 200);
    QVERIFY(!reply.body().contains("<script>"));
    QVERIFY(reply.body().contains("&lt;script&gt;"));
    QCOMPARE(failures.size(), 1);
    const QString message = failures.at(0).at(0).value<Error>().message;
    QVERIFY(message.contains(QStringLiteral("invalid_request")));
    QVERIFY(message.contains(QStringLiteral("<script>alert(1)</script>")));
    QVERIFY(!message.contains(QChar(0x1b)));
    QVERIFY(!message.contains(QChar(0x202e)));
    QVERIFY2(message.size() < 600, qPrintable(QString::number(message.size())));
    QVERIFY(message.contains(QChar(0x2026)));
}

void TestLoopbackReceiver::startRefused_data()
{
    QTest::addColumn<QByteArray>("state");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("lifetime");
    QTest::addRow("no state") << QByteArray() << QStringLiteral("/cb/oidc") << 600;
    QTest::addRow("path without slash") << QByteArray("s") << QStringLiteral("cb/oidc") << 600;
    QTest::addRow("path with a query") << QByteArray("s") << QStringLiteral("/cb?x=1") << 600;
    QTest::addRow("already expired") << QByteArray("s") << QStringLiteral("/cb/oidc") << 0;
}

void TestLoopbackReceiver::startRefused()
{
    QFETCH(QByteArray, state);
    QFETCH(QString, path);
    QFETCH(int, lifetime);
    TestClock clock;
    AuthorizationAttempt attempt = makeAttempt(clock, lifetime);
    attempt.state = state;
    attempt.callbackPath = path;
    LoopbackReceiver receiver;
    const Result<void> started = receiver.start(attempt, false, clock);
    QVERIFY(!started.ok());
    QVERIFY(!started.error().message.isEmpty());
    QVERIFY(!receiver.isListening());
}

// Tries every address of this machine but loopback: none may reach the
// receiver. `tried` says how many there were.
void TestLoopbackReceiver::checkNotReachable(int &tried)
{
    tried = 0;
    TestClock clock;
    LoopbackReceiver receiver;
    const AuthorizationAttempt attempt = makeAttempt(clock);
    QVERIFY(receiver.start(attempt, true, clock).ok());
    const QList<QHostAddress> listening = receiver.listeningAddresses();
    QVERIFY(!listening.isEmpty());
    for (const QHostAddress &address : listening)
        QVERIFY2(address.isLoopback(), qPrintable(address.toString()));

    QSignalSpy codes(&receiver, &LoopbackReceiver::codeReceived);
    QSignalSpy rejections(&receiver, &LoopbackReceiver::requestRejected);
    const auto addresses = QNetworkInterface::allAddresses();
    for (const QHostAddress &address : addresses) {
        if (address.isLoopback() || address.isLinkLocal())
            continue;
        ++tried;
        const Reply reply = exchange(address, receiver.port(), genuineRequest(attempt));
        QVERIFY2(!reply.connected, qPrintable(address.toString()));
        QCOMPARE(reply.error, QAbstractSocket::ConnectionRefusedError);
    }
    QCOMPARE(rejections.size(), 0);
    QCOMPARE(codes.size(), 0);
    QVERIFY(isWaiting(receiver));
}

// On this machine's own addresses, and again in a network namespace made
// for the purpose with addresses of its own, so that a machine with only a
// loopback address (a build container) still tries some.
void TestLoopbackReceiver::notReachableOnOtherAddresses()
{
    int tried = 0;
    checkNotReachable(tried);
    if (QTest::currentTestFailed())
        return;
    if (qEnvironmentVariableIsSet(insideNamespaceVariable)) {
        qInfo("in the network namespace: tried %d non-loopback addresses", tried);
        QVERIFY2(tried > 0, "the network namespace has no address but loopback");
        return;
    }
    qInfo("tried %d non-loopback addresses of this machine", tried);

    const NamespaceRun run = runInNetworkNamespace(QTest::currentTestFunction());
    if (!run.made) {
        if (tried == 0)
            QSKIP(qPrintable(
                    QStringLiteral("This machine has no address besides loopback to try, and no "
                                   "network namespace with one could be made (%1). Run the test "
                                   "as root, or where unprivileged user namespaces are allowed, "
                                   "with iproute2 installed.")
                            .arg(run.why)));
        qInfo("no network namespace could be made (%s); this machine's addresses were tried",
              qPrintable(run.why));
        return;
    }
    const QByteArray passed =
            QByteArray("PASS   : TestLoopbackReceiver::") + QTest::currentTestFunction() + "()";
    QVERIFY2(run.exitCode == 0 && run.output.contains(passed), run.output.constData());
    const QByteArray said = "in the network namespace: ";
    const qsizetype at = run.output.indexOf(said);
    qInfo("%s", run.output.mid(at, run.output.indexOf('\n', at) - at).constData());
}

void TestLoopbackReceiver::ipv6OnSamePort()
{
    bool ipv6Available = false;
    {
        QTcpServer probe;
        ipv6Available = probe.listen(QHostAddress::LocalHostIPv6, 0);
    }
    TestClock clock;
    LoopbackReceiver receiver;
    AuthorizationAttempt attempt = makeAttempt(clock);
    attempt.provider = QStringLiteral("microsoft");
    attempt.callbackPath = QStringLiteral("/cb/microsoft");
    if (!ipv6Available)
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("IPv6 loopback.*not available")));
    QVERIFY(receiver.start(attempt, true, clock).ok());
    // Microsoft registers http://localhost/cb/microsoft (any port).
    QCOMPARE(receiver.redirectUri().toString(),
             QStringLiteral("http://localhost:%1/cb/microsoft").arg(receiver.port()));

    QSignalSpy codes(&receiver, &LoopbackReceiver::codeReceived);
    if (ipv6Available) {
        QCOMPARE(receiver.listeningAddresses(),
                 (QList<QHostAddress>{QHostAddress(QHostAddress::LocalHost),
                                      QHostAddress(QHostAddress::LocalHostIPv6)}));
        // Both addresses answer on the one port.
        QCOMPARE(exchange(QHostAddress(QHostAddress::LocalHost), receiver.port(),
                          getRequest("/nothing"))
                         .status(),
                 404);
        const Reply reply = exchange(QHostAddress(QHostAddress::LocalHostIPv6), receiver.port(),
                                     genuineRequest(attempt));
        QCOMPARE(reply.status(), 200);
        QCOMPARE(codes.size(), 1);
        QCOMPARE(exchange(QHostAddress(QHostAddress::LocalHostIPv6), receiver.port(),
                          genuineRequest(attempt))
                         .error,
                 QAbstractSocket::ConnectionRefusedError);
    } else {
        QCOMPARE(receiver.listeningAddresses(),
                 QList<QHostAddress>{QHostAddress(QHostAddress::LocalHost)});
        QCOMPARE(exchange(receiver, genuineRequest(attempt)).status(), 200);
        QCOMPARE(codes.size(), 1);
    }
}

void TestLoopbackReceiver::slowClientClosed()
{
    TestClock clock;
    LoopbackReceiver receiver;
    receiver.setConnectionTimeout(300);
    const AuthorizationAttempt attempt = makeAttempt(clock);
    QVERIFY(receiver.start(attempt, false, clock).ok());

    // Half a request, then nothing: the receiver hangs up, the attempt goes on.
    QTcpSocket slow;
    QSignalSpy closed(&slow, &QTcpSocket::disconnected);
    slow.connectToHost(QHostAddress::LocalHost, receiver.port());
    QVERIFY(QSignalSpy(&slow, &QTcpSocket::connected).wait(5000));
    slow.write("GET /cb/oidc?state=");
    QTRY_COMPARE(receiver.openConnections(), 1);
    QVERIFY(closed.wait(5000));
    QTRY_COMPARE(receiver.openConnections(), 0);
    QVERIFY(isWaiting(receiver));

    QSignalSpy codes(&receiver, &LoopbackReceiver::codeReceived);
    QCOMPARE(exchange(receiver, genuineRequest(attempt)).status(), 200);
    QCOMPARE(codes.size(), 1);
}

// A browser may send its request in several segments.
void TestLoopbackReceiver::requestInPieces()
{
    TestClock clock;
    LoopbackReceiver receiver;
    const AuthorizationAttempt attempt = makeAttempt(clock);
    QVERIFY(receiver.start(attempt, false, clock).ok());
    QSignalSpy codes(&receiver, &LoopbackReceiver::codeReceived);

    const QByteArray request = genuineRequest(attempt, "pieces");
    QTcpSocket browser;
    QSignalSpy closed(&browser, &QTcpSocket::disconnected);
    browser.connectToHost(QHostAddress::LocalHost, receiver.port());
    QVERIFY(QSignalSpy(&browser, &QTcpSocket::connected).wait(5000));
    QTRY_COMPARE(receiver.openConnections(), 1);
    for (qsizetype at = 0; at < request.size(); at += 7) {
        browser.write(request.mid(at, 7));
        browser.flush();
        QCoreApplication::processEvents();
        QCOMPARE(codes.size(), at + 7 >= request.size() ? codes.size() : 0);
    }
    QVERIFY(closed.wait(5000));
    QVERIFY(browser.readAll().startsWith("HTTP/1.1 200 OK\r\n"));
    QCOMPARE(codes.size(), 1);
    QCOMPARE(codes.at(0).at(0).toByteArray(), QByteArray("pieces"));
}

// More idle connections than slots: the genuine callback waits in the
// backlog, is served once the idle ones time out, and the cap holds.
void TestLoopbackReceiver::idleConnectionsCannotBlock()
{
    TestClock clock;
    LoopbackReceiver receiver;
    receiver.setConnectionTimeout(500);
    const AuthorizationAttempt attempt = makeAttempt(clock);
    QVERIFY(receiver.start(attempt, false, clock).ok());

    std::vector<std::unique_ptr<QTcpSocket>> idle;
    for (int i = 0; i < LoopbackReceiver::maxConnections + 4; ++i) {
        idle.push_back(std::make_unique<QTcpSocket>());
        idle.back()->connectToHost(QHostAddress::LocalHost, receiver.port());
    }
    QTRY_COMPARE(receiver.openConnections(), LoopbackReceiver::maxConnections);

    int most = 0;
    QTimer watch;
    connect(&watch, &QTimer::timeout, this, [&] { most = qMax(most, receiver.openConnections()); });
    watch.start(5);
    QSignalSpy codes(&receiver, &LoopbackReceiver::codeReceived);
    const Reply reply = exchange(receiver, genuineRequest(attempt));
    QCOMPARE(reply.status(), 200);
    QCOMPARE(codes.size(), 1);
    QVERIFY(most <= LoopbackReceiver::maxConnections);
}

QTEST_GUILESS_MAIN(TestLoopbackReceiver)
#include "tst_loopbackreceiver.moc"
