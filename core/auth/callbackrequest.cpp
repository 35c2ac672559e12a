#include "callbackrequest.h"

#include <QUrlQuery>

namespace chairside {

namespace {

// RFC 9110 §5.6.2 tchar: what a method or a header name may contain.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// Control bytes other than tab have no place in a request head; a NUL or
// an escape is garbage, and refusing it early saves waiting for a blank line.
bool hasForbiddenControl(QByteArrayView data)
{
    for (char c : data) {
        const auto u = uchar(c);
        if ((u < 0x20 && c != '\t' && c != '\r' && c != '\n') || u == 0x7f)
            return true;
    }
    return false;
}

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool hasValidPercentEncoding(QByteArrayView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != '%')
            continue;
        if (i + 2 >= text.size() || !isHexDigit(text[i + 1]) || !isHexDigit(text[i + 2]))
            return false;
        i += 2;
    }
    return true;
}

// The request-target in origin form: visible ASCII only (RFC 9112 §3.2.1),
// no fragment, starting with a slash.
bool isOriginForm(QByteArrayView target)
{
    if (!target.startsWith('/'))
        return false;
    for (char c : target) {
        const auto u = uchar(c);
        if (u <= 0x20 || u >= 0x7f || c == '#')
            return false;
    }
    return true;
}

} // namespace

CallbackRequest CallbackRequest::refused(Status status, const QString &problem)
{
    CallbackRequest request;
    request.m_status = status;
    request.m_problem = problem;
    return request;
}

bool CallbackRequest::hasQueryItem(const QString &key) const
{
    for (const auto &item : m_query) {
        if (item.first == key)
            return true;
    }
    return false;
}

QString CallbackRequest::queryItem(const QString &key) const
{
    for (const auto &item : m_query) {
        if (item.first == key)
            return item.second;
    }
    return {};
}

CallbackRequest CallbackRequest::parse(const QByteArray &data)
{
    QByteArrayView view(data.constData(), qMin<qsizetype>(data.size(), maxHeadBytes + 4));
    // Only the head is judged: what follows the blank line must not change
    // the verdict on a request that was already complete.
    if (const qsizetype end = view.indexOf("\r\n\r\n"); end >= 0)
        view = view.first(end + 4);
    if (hasForbiddenControl(view))
        return refused(Status::Malformed, QStringLiteral("control bytes in the request"));

    // Judge the request line as soon as it is complete, so that garbage is
    // answered at once instead of after the connection times out.
    const qsizetype firstLineEnd = view.indexOf('\n');
    if (firstLineEnd < 0 && view.size() > maxHeadBytes)
        return refused(Status::TooLarge, QStringLiteral("request line too long"));
    if (firstLineEnd == 0 || (firstLineEnd > 0 && view[firstLineEnd - 1] != '\r'))
        return refused(Status::Malformed, QStringLiteral("request line not ended by CRLF"));

    QByteArrayView method;
    QByteArrayView target;
    if (firstLineEnd > 0) {
        const QByteArrayView line = view.first(firstLineEnd - 1);
        const qsizetype space1 = line.indexOf(' ');
        const qsizetype space2 = space1 < 0 ? -1 : line.indexOf(' ', space1 + 1);
        if (space1 < 0 || space2 < 0 || line.indexOf(' ', space2 + 1) >= 0)
            return refused(Status::Malformed, QStringLiteral("request line is not three words"));
        method = line.first(space1);
        target = line.sliced(space1 + 1, space2 - space1 - 1);
        const QByteArrayView version = line.sliced(space2 + 1);
        if (!isToken(method))
            return refused(Status::Malformed, QStringLiteral("bad method"));
        if (!isOriginForm(target))
            return refused(Status::Malformed, QStringLiteral("bad request target"));
        if (version != "HTTP/1.1" && version != "HTTP/1.0")
            return refused(Status::Malformed, QStringLiteral("bad HTTP version"));
    }

    const qsizetype headEnd = view.indexOf("\r\n\r\n");
    if (headEnd < 0 || headEnd + 4 > maxHeadBytes) {
        if (view.size() > maxHeadBytes || headEnd >= 0)
            return refused(Status::TooLarge, QStringLiteral("request head too large"));
        return {};
    }

    // Header lines: we need none of them, but a browser's are well formed.
    const QByteArrayView headers = view.sliced(firstLineEnd + 1, headEnd + 2 - (firstLineEnd + 1));
    qsizetype lineStart = 0;
    int lines = 0;
    while (lineStart < headers.size()) {
        const qsizetype lineEnd = headers.indexOf("\r\n", lineStart);
        const QByteArrayView line = headers.sliced(lineStart, lineEnd - lineStart);
        lineStart = lineEnd + 2;
        if (++lines > maxHeaderLines)
            return refused(Status::TooLarge, QStringLiteral("too many header lines"));
        if (line.contains('\r') || line.contains('\n'))
            return refused(Status::Malformed, QStringLiteral("bare CR or LF in a header"));
        const qsizetype colon = line.indexOf(':');
        // No obs-fold (a line starting with a space) and no space before the colon.
        if (colon <= 0 || !isToken(line.first(colon)))
            return refused(Status::Malformed, QStringLiteral("bad header line"));
    }

    if (method != "GET")
        return refused(Status::NotGet, QStringLiteral("method is not GET"));

    CallbackRequest request;
    const qsizetype question = target.indexOf('?');
    request.m_path = (question < 0 ? target : target.first(question)).toByteArray();
    if (question >= 0) {
        QByteArray query = target.sliced(question + 1).toByteArray();
        if (!hasValidPercentEncoding(query))
            return refused(Status::Malformed, QStringLiteral("bad percent-encoding in the query"));
        // The redirect's query is form-encoded (RFC 6749 §4.1.2, Appendix B):
        // `+` is a space. QUrlQuery would keep it as a plus.
        query.replace('+', "%20");
        const QUrlQuery urlQuery(QString::fromLatin1(query));
        const auto items = urlQuery.queryItems(QUrl::FullyDecoded);
        for (const auto &item : items) {
            // RFC 6749 §3.1: a parameter must not appear twice; taking the
            // first of two `state`s or `code`s would invite confusion.
            if (request.hasQueryItem(item.first))
                return refused(Status::Malformed, QStringLiteral("repeated query parameter"));
            request.m_query.append(item);
        }
    }
    request.m_status = Status::Complete;
    return request;
}

} // namespace chairside
