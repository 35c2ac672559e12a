#pragma once

#include "authorizationcodeflow.h"

#include <QPointer>

class QNetworkAccessManager;

namespace chairside {

class LoopbackReceiver;
class TokenReply;

// AuthorizationCodeFlow on Qt 6.4's own parts: a LoopbackReceiver for the
// callback (127.0.0.1, and ::1 when asked, nothing else) and a TokenClient
// for the authorization URL and the code exchange. One attempt per object.
class LoopbackCodeFlow : public AuthorizationCodeFlow
{
    Q_OBJECT

public:
    // `network` must outlive the flow.
    explicit LoopbackCodeFlow(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~LoopbackCodeFlow() override;

    Result<QUrl> start(const Request &request, const Clock &clock) override;
    void abort() override;
    void checkExpiry() override;
    QUrl redirectUri() const override { return m_redirectUri; }

private:
    void onCodeReceived(const QByteArray &code);
    void onExchangeFinished();

    QNetworkAccessManager *m_network;
    QString m_provider;
    QByteArray m_verifier;
    QUrl m_redirectUri;
    QPointer<LoopbackReceiver> m_receiver;
    QPointer<TokenClient> m_client;
    QPointer<TokenReply> m_reply;
    bool m_running = false;
};

} // namespace chairside
