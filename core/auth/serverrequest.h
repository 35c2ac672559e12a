#pragma once

#include <QPointer>
#include <QUrl>

class QNetworkReply;
class QNetworkRequest;
class QObject;

namespace chairside::serverrequest {

// What the requests to a sign-in server share (discovery, keys, tokens).

// A GET of a JSON document: JSON asked for, redirects only to addresses as
// safe as the first, and a time limit.
QNetworkRequest jsonGet(const QUrl &url, int timeoutMs);
// Whether an HTTP status means "try again later" (no answer at all, 5xx,
// 429) rather than "this is wrong".
bool isPassing(int httpStatus);
// Drops a reply still running: no more signals to `receiver`, aborted,
// deleted later. `reply` is null afterwards.
void drop(QPointer<QNetworkReply> &reply, const QObject *receiver);
// The finished reply, taken out of `reply` and deleted later; null when it
// was dropped meanwhile.
QNetworkReply *take(QPointer<QNetworkReply> &reply);

} // namespace chairside::serverrequest
