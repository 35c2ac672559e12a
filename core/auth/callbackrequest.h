#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace chairside {

// The head of one HTTP request that reached the loopback listener, parsed
// strictly and without any I/O, so the parser can be tested (and fuzzed) on
// its own. Only what a browser sends for an OAuth redirect is accepted:
// `GET /path?query HTTP/1.x`, CRLF line ends, header lines `Name: value`,
// at most maxHeadBytes in all.
class CallbackRequest
{
public:
    enum class Status {
        Incomplete, // no blank line yet: wait for more bytes
        Complete,   // a well-formed GET: path() and queryItem() are valid
        Malformed,  // not HTTP as a browser sends it (400)
        TooLarge,   // head longer than maxHeadBytes (431)
        NotGet,     // a well-formed request with another method (405)
    };

    static constexpr int maxHeadBytes = 8 * 1024;
    static constexpr int maxHeaderLines = 100;

    // `data` is everything read from the connection so far.
    static CallbackRequest parse(const QByteArray &data);

    Status status() const { return m_status; }
    // The path exactly as sent (still percent-encoded), without the query.
    QByteArray path() const { return m_path; }
    // True when the query had `key`, even with an empty value.
    bool hasQueryItem(const QString &key) const;
    // The value of `key`, form-decoded (`+` is a space, RFC 6749 Appendix B),
    // or a null string when absent.
    QString queryItem(const QString &key) const;
    // For logs: why the request was refused; empty when it was not.
    QString problem() const { return m_problem; }

private:
    Status m_status = Status::Incomplete;
    QByteArray m_path;
    QList<std::pair<QString, QString>> m_query;
    QString m_problem;

    static CallbackRequest refused(Status status, const QString &problem);
};

} // namespace chairside
