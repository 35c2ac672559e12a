#include "auth/callbackrequest.h"
#include "auth/loopbackreceiver.h"
#include "auth/pkce.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace chairside;

// Malformed, mutated, oversized and forged callback requests: most through
// the pure parser (which is what decides on every byte the receiver reads),
// a few thousand through real sockets to a live receiver. Nothing may crash,
// nothing forged may end the attempt, and the genuine callback still works.
// Set CHAIRSIDE_FUZZ_SEED to replay a run.

namespace {

constexpr int parserRequests = 120000;
constexpr int socketRequests = 10000;
constexpr int socketsInFlight = 24; // more than the receiver's 16 slots

class Mutator
{
public:
    explicit Mutator(quint32 seed) : m_random(seed) {}

    int below(int n) { return n <= 0 ? 0 : int(m_random.bounded(n)); }
    bool chance(int percent) { return below(100) < percent; }

    QByteArray randomBytes(int maxSize)
    {
        QByteArray bytes(below(maxSize + 1), Qt::Uninitialized);
        for (char &c : bytes)
            c = char(below(256));
        return bytes;
    }

    QByteArray pick(const QList<QByteArray> &choices)
    {
        return choices.at(below(int(choices.size())));
    }

    QByteArray request(const QByteArray &path, const QByteArray &state,
                       const QByteArray &extraHeader = {})
    {
        QByteArray query = "code=" + Pkce::randomToken(below(40) + 1) + "&state=" + state;
        if (chance(30))
            query += "&iss="
                    + pick({"http%3A%2F%2F127.0.0.1%3A4010", "https%3A%2F%2Fevil.example", "",
                            "%"});
        if (chance(20))
            query += "&error=" + pick({"access_denied", "server_error", "", "%ZZ"});
        if (chance(10))
            query = pick({"state=&code=", "&&&", "==", "state", "%", "%%", "code=%E2%82", ""})
                    + query;
        return "GET " + path + '?' + query + " HTTP/1.1\r\nHost: 127.0.0.1:4242\r\n" + extraHeader
                + "User-Agent: fuzz\r\nAccept: */*\r\n\r\n";
    }

    QByteArray mutate(QByteArray data)
    {
        static const QList<QByteArray> pieces = {"\r",
                                                 "\n",
                                                 "\r\n",
                                                 "\r\n\r\n",
                                                 " ",
                                                 "%",
                                                 "%0",
                                                 "%zz",
                                                 "%00",
                                                 "?",
                                                 "#",
                                                 "&",
                                                 "=",
                                                 "+",
                                                 ":",
                                                 "\t",
                                                 QByteArray(1, '\0'),
                                                 "\xff",
                                                 "GET",
                                                 "POST",
                                                 "HTTP/1.1",
                                                 "/cb/oidc",
                                                 "state="};
        const int mutations = below(6) + 1;
        for (int i = 0; i < mutations && !data.isEmpty(); ++i) {
            const int at = below(int(data.size()));
            switch (below(7)) {
            case 0: data[at] = char(below(256)); break;
            case 1: data.insert(at, pick(pieces)); break;
            case 2: data.remove(at, below(16) + 1); break;
            case 3: data.insert(at, data.mid(at, below(64))); break;
            case 4: data.truncate(at); break;
            case 5: data[at] = pick({" ", "\r", "\n", "%"}).at(0); break;
            case 6: data.insert(at, QByteArray(below(3000), 'A' + char(below(26)))); break;
            }
        }
        return data;
    }

    // The genuine state almost: cut short, lengthened or with one byte
    // changed. Never the state itself.
    QByteArray nearMiss(const QByteArray &state)
    {
        QByteArray near = state;
        switch (below(4)) {
        case 0: near.chop(below(int(state.size())) + 1); break;
        case 1: near += Pkce::randomToken(below(8) + 1).left(below(8) + 1); break;
        case 2: near.insert(0, char('A' + below(26))); break;
        default: {
            const int at = below(int(state.size()));
            near[at] = near.at(at) == 'A' ? 'B' : 'A';
        }
        }
        return near;
    }

    // One malformed or forged request; never the genuine state unless given.
    QByteArray malformed(const QByteArray &state)
    {
        const QByteArray path = chance(80) ? QByteArray("/cb/oidc")
                                           : pick({"/", "/cb/google", "/cb/oidc/", "/CB/OIDC"});
        switch (below(8)) {
        case 0: return randomBytes(600);
        case 1: // a wrong or missing state, otherwise fine
            return request(path, chance(80) ? Pkce::randomToken(16) : QByteArray());
        case 2: { // huge headers
            const QByteArray header = "Cookie: " + QByteArray(below(24000) + 4000, 'c') + "\r\n";
            return request(path, state, header);
        }
        case 3: { // many header lines
            return request(path, state, QByteArray("X-A: b\r\n").repeated(below(200) + 1));
        }
        case 4: { // bad percent-encoding in the query
            QByteArray data = request(path, state);
            data.insert(data.indexOf('?') + 1, pick({"%", "%4", "%G0", "%%41", "x=%"}) + '&');
            return data;
        }
        case 5: { // truncated
            const QByteArray data = request(path, state);
            return data.left(below(int(data.size())));
        }
        case 6: { // mutated request line
            QByteArray data = request(path, state);
            const int lineEnd = int(data.indexOf("\r\n"));
            return mutate(data.left(lineEnd)) + data.mid(lineEnd);
        }
        default: return mutate(request(path, state));
        }
    }

private:
    QRandomGenerator m_random;
};

quint32 fuzzSeed()
{
    bool ok = false;
    const quint32 seed = qEnvironmentVariable("CHAIRSIDE_FUZZ_SEED").toUInt(&ok);
    return ok ? seed : QRandomGenerator::system()->generate();
}

} // namespace

class TestLoopbackFuzz : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void parser();
    void sockets();

private:
    quint32 m_seed = 0;
};

void TestLoopbackFuzz::initTestCase()
{
    // Thousands of refusals would flood the output.
    QLoggingCategory::setFilterRules(QStringLiteral("chairside.auth.debug=false"));
    m_seed = fuzzSeed();
    qInfo("fuzz seed %u (set CHAIRSIDE_FUZZ_SEED=%u to replay)", m_seed, m_seed);
    QVERIFY(m_seed != 0 || qEnvironmentVariableIsSet("CHAIRSIDE_FUZZ_SEED"));
}

void TestLoopbackFuzz::parser()
{
    Mutator mutator(m_seed);
    const QByteArray state = Pkce::randomToken(16);
    QElapsedTimer timer;
    timer.start();
    int complete = 0;
    int refused = 0;
    int incomplete = 0;
    for (int i = 0; i < parserRequests; ++i) {
        // The receiver keeps at most maxHeadBytes + 1 bytes of a connection.
        const QByteArray data = mutator.malformed(state).left(CallbackRequest::maxHeadBytes + 1);
        const CallbackRequest request = CallbackRequest::parse(data);
        switch (request.status()) {
        case CallbackRequest::Status::Incomplete:
            ++incomplete;
            if (data.size() > CallbackRequest::maxHeadBytes)
                QFAIL(qPrintable(QStringLiteral("#%1: incomplete beyond the size limit").arg(i)));
            break;
        case CallbackRequest::Status::Complete: {
            ++complete;
            if (!request.path().startsWith('/') || request.path().contains(' '))
                QFAIL(qPrintable(QStringLiteral("#%1: odd path accepted").arg(i)));
            // Decoded values are what the receiver compares and reports.
            const QString code = request.queryItem(QStringLiteral("code"));
            const QString gotState = request.queryItem(QStringLiteral("state"));
            Q_UNUSED(code);
            Q_UNUSED(gotState);
            break;
        }
        default:
            ++refused;
            if (request.problem().isEmpty())
                QFAIL(qPrintable(QStringLiteral("#%1: refused without a reason").arg(i)));
        }
        // The verdict must not depend on how the bytes arrived: any prefix
        // that is already decided is decided the same way.
        if (!data.isEmpty() && mutator.chance(25)) {
            const CallbackRequest early =
                    CallbackRequest::parse(data.left(mutator.below(int(data.size()))));
            if (early.status() != CallbackRequest::Status::Incomplete
                && early.status() != request.status())
                QFAIL(qPrintable(QStringLiteral("#%1: a prefix was judged %2, the whole %3")
                                         .arg(i)
                                         .arg(int(early.status()))
                                         .arg(int(request.status()))));
        }
    }
    qInfo("%d requests parsed in %lld ms: %d complete, %d refused, %d incomplete", parserRequests,
          timer.elapsed(), complete, refused, incomplete);
    QCOMPARE(complete + refused + incomplete, parserRequests);
    QVERIFY(complete > 0);
    QVERIFY(refused > parserRequests / 2);
}

void TestLoopbackFuzz::sockets()
{
    Mutator mutator(m_seed ^ 0x5eed);
    QElapsedTimer timer;
    timer.start();

    LoopbackReceiver receiver;
    receiver.setConnectionTimeout(1000);
    AuthorizationAttempt attempt;
    attempt.provider = QStringLiteral("oidc");
    attempt.callbackPath = QStringLiteral("/cb/oidc");
    attempt.expectedIssuer = QStringLiteral("http://127.0.0.1:4010");
    attempt.state = Pkce::randomToken(16);
    attempt.expiresAt = Clock::system().now().addSecs(AuthorizationAttempt::lifetimeSeconds);
    QVERIFY(receiver.start(attempt, true).ok());
    QSignalSpy codes(&receiver, &LoopbackReceiver::codeReceived);
    QSignalSpy failures(&receiver, &LoopbackReceiver::failed);
    QSignalSpy rejections(&receiver, &LoopbackReceiver::requestRejected);

    QEventLoop loop;
    int started = 0;
    int finished = 0;
    int answered = 0;
    int most = 0;
    std::function<void()> launch = [&] {
        const int index = started++;
        auto *socket = new QTcpSocket(&loop);
        // Forged states only: a mutation of the genuine request could be a
        // valid callback, which is allowed to end the attempt. A near miss
        // of the genuine state goes unmutated, so it stays a near miss.
        const QByteArray data = mutator.chance(10)
                ? mutator.request("/cb/oidc", mutator.nearMiss(attempt.state))
                : mutator.malformed(Pkce::randomToken(16));
        // A request still undecided after its last byte would hold a slot
        // until the receiver's timeout: mostly hang up, as a browser that
        // gave up would, but let a few run into the timeout.
        const bool undecided =
                CallbackRequest::parse(data.left(CallbackRequest::maxHeadBytes + 1)).status()
                == CallbackRequest::Status::Incomplete;
        const bool hangUp = undecided ? !mutator.chance(1) : mutator.chance(20);
        auto done = std::make_shared<bool>(false);
        auto finish = [&, socket, done] {
            if (*done)
                return;
            *done = true;
            if (socket->bytesAvailable() > 0)
                ++answered;
            socket->deleteLater();
            ++finished;
            most = qMax(most, receiver.openConnections());
            if (started < socketRequests)
                launch();
            else if (finished == socketRequests)
                loop.quit();
        };
        connect(socket, &QTcpSocket::connected, socket, [socket, data, hangUp] {
            socket->write(data);
            if (hangUp)
                socket->disconnectFromHost();
        });
        connect(socket, &QTcpSocket::disconnected, socket, finish);
        connect(socket, &QTcpSocket::errorOccurred, socket,
                [socket, finish](QAbstractSocket::SocketError) {
                    if (socket->state() == QAbstractSocket::UnconnectedState)
                        finish();
                });
        // The IPv6 listener gets its share.
        socket->connectToHost(index % 4 == 0 ? QHostAddress(QHostAddress::LocalHostIPv6)
                                             : QHostAddress(QHostAddress::LocalHost),
                              receiver.port());
    };
    for (int i = 0; i < socketsInFlight; ++i)
        launch();
    QTimer guard;
    guard.setSingleShot(true);
    connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
    guard.start(50000);
    loop.exec();
    // Stop whatever is left before the locals it refers to go away.
    started = socketRequests;
    const auto leftOver = loop.findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : leftOver) {
        socket->disconnect();
        delete socket;
    }
    QCOMPARE(finished, socketRequests);
    // Nothing forged ended the attempt.
    QCOMPARE(codes.size(), 0);
    QCOMPARE(failures.size(), 0);

    // A burst of connections that say nothing and hang up.
    std::vector<std::unique_ptr<QTcpSocket>> burst;
    for (int i = 0; i < 200; ++i) {
        burst.push_back(std::make_unique<QTcpSocket>());
        burst.back()->connectToHost(QHostAddress::LocalHost, receiver.port());
    }
    QTRY_COMPARE(receiver.openConnections(), LoopbackReceiver::maxConnections);
    burst.clear();
    QTRY_COMPARE(receiver.openConnections(), 0);

    qInfo("%d requests over sockets in %lld ms: %d answered, %lld refused pages, at most %d "
          "connections open",
          socketRequests, timer.elapsed(), answered, qlonglong(rejections.size()), most);
    QCOMPARE(codes.size(), 0);
    QCOMPARE(failures.size(), 0);
    QVERIFY(rejections.size() > socketRequests / 2);
    QVERIFY(most <= LoopbackReceiver::maxConnections);
    QVERIFY(receiver.isListening());

    // The genuine callback still gets through.
    QTcpSocket browser;
    QSignalSpy closed(&browser, &QTcpSocket::disconnected);
    connect(&browser, &QTcpSocket::connected, &browser, [&] {
        browser.write("GET /cb/oidc?code=genuine&state=" + attempt.state
                      + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
    });
    browser.connectToHost(QHostAddress::LocalHost, receiver.port());
    QVERIFY(closed.wait(10000));
    QVERIFY(browser.readAll().startsWith("HTTP/1.1 200 OK\r\n"));
    QCOMPARE(codes.size(), 1);
    QCOMPARE(codes.at(0).at(0).toByteArray(), QByteArray("genuine"));
    QVERIFY(!receiver.isListening());
}

QTEST_GUILESS_MAIN(TestLoopbackFuzz)
#include "tst_loopbackfuzz.moc"
