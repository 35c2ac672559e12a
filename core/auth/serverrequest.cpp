#include "serverrequest.h"

#include <QNetworkReply>
#include <QNetworkRequest>

namespace chairside::serverrequest {

QNetworkRequest jsonGet(const QUrl &url, int timeoutMs)
{
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setTransferTimeout(timeoutMs);
    return request;
}

bool isPassing(int httpStatus)
{
    return httpStatus == 0 || httpStatus >= 500 || httpStatus == 429;
}

void drop(QPointer<QNetworkReply> &reply, const QObject *receiver)
{
    if (!reply)
        return;
    QNetworkReply *running = reply;
    reply = nullptr;
    running->disconnect(receiver);
    running->abort();
    running->deleteLater();
}

QNetworkReply *take(QPointer<QNetworkReply> &reply)
{
    QNetworkReply *finished = reply;
    reply = nullptr;
    if (finished)
        finished->deleteLater();
    return finished;
}

} // namespace chairside::serverrequest
