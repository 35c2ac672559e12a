#include "firstsync.h"

#include "logging.h"
#include "server/libpq.h"
#include "server/serverconnection.h"
#include "store/store.h"

#include <QElapsedTimer>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>

#include <cstring>

namespace chairside {

namespace {

// The server's book in COPY's text format. book_rows() rather than
// book_changes(): unsorted, the server streams rows as it makes them, and the
// order does not matter in one transaction. Tombstones come too: a row this
// PC still has changes for must learn the server removed it.
constexpr char copySql[] =
        "COPY (SELECT entity, id, version, deleted, payload FROM book_rows(0)) TO STDOUT";

// Every row book_rows(0) gives, counted the cheap way: the tables'
// indexes, under the same row-level security and the same snapshot.
const QString countSql = QStringLiteral(
        "SELECT (SELECT count(*) FROM salons) + (SELECT count(*) FROM staff) + "
        "(SELECT count(*) FROM services) + (SELECT count(*) FROM resources) + "
        "(SELECT count(*) FROM clients) + (SELECT count(*) FROM shifts) + "
        "(SELECT count(*) FROM shift_exceptions) + (SELECT count(*) FROM time_off) + "
        "(SELECT count(*) FROM appointments) + (SELECT count(*) FROM standing_appointments) + "
        "(SELECT count(*) FROM waitlist)");

// Progress is told this often: often enough for a smooth bar, rarely enough
// to cost nothing.
constexpr qint64 progressEvery = 2000;

// One field of COPY's text format: a backslash escapes \b \f \n \r \t \v
// and itself (\N, a NULL, is handled by the caller).
QByteArray unescaped(const char *from, const char *to)
{
    if (!memchr(from, '\\', to - from))
        return QByteArray(from, to - from);
    QByteArray out;
    out.reserve(to - from);
    for (const char *c = from; c < to; ++c) {
        if (*c != '\\' || c + 1 == to) {
            out.append(*c);
            continue;
        }
        switch (*++c) {
        case 'b': out.append('\b'); break;
        case 'f': out.append('\f'); break;
        case 'n': out.append('\n'); break;
        case 'r': out.append('\r'); break;
        case 't': out.append('\t'); break;
        case 'v': out.append('\v'); break;
        default: out.append(*c); break;
        }
    }
    return out;
}

// Reads the rows of a COPY ... TO STDOUT that has started on `conn`, and
// leaves the connection idle again whatever happens (finish()).
class CopyReader
{
public:
    CopyReader(const LibPq &pq, PGconn *conn) : m_pq(pq), m_conn(conn) {}
    ~CopyReader() { finish(); }
    CopyReader(const CopyReader &) = delete;
    CopyReader &operator=(const CopyReader &) = delete;

    qint64 rows() const { return m_rows; }

    // The next row into `row`; false after the last.
    Result<bool> next(PulledRow &row)
    {
        char *line = nullptr;
        const int length = m_pq.getCopyData(m_conn, &line, 0);
        if (length == -1) {
            // The end of the data, which is no success yet: a server that
            // failed (or was stopped) midway says so in the COPY's result.
            m_ended = true;
            if (finish())
                return lost();
            return false;
        }
        if (length < 0) {
            m_ended = true;
            return lost();
        }
        const auto freeLine = qScopeGuard([this, line] { m_pq.freemem(line); });
        if (!parse(line, line + length, row))
            return Error::invalid(FirstSync::tr("The server sent a row this PC cannot read "
                                                "(row %1), so nothing was changed here.")
                                          .arg(m_rows + 1));
        ++m_rows;
        return true;
    }

    // Reads what the server still sends (cancelling the COPY when it
    // stopped early) and every result, so QPSQL finds the connection idle.
    // The server's error, if the COPY failed there.
    std::optional<QString> finish()
    {
        if (m_finished)
            return m_error;
        m_finished = true;
        if (!m_ended) {
            if (PGcancel *cancel = m_pq.getCancel(m_conn)) {
                char message[256];
                m_pq.cancel(cancel, message, sizeof message);
                m_pq.freeCancel(cancel);
            }
            char *line = nullptr;
            int length = 0;
            while ((length = m_pq.getCopyData(m_conn, &line, 0)) >= 0) {
                m_pq.freemem(line);
                line = nullptr;
            }
        }
        while (PGresult *result = m_pq.getResult(m_conn)) {
            if (m_pq.resultStatus(result) != PGRES_COMMAND_OK && !m_error)
                m_error = QString::fromUtf8(m_pq.resultErrorMessage(result)).trimmed();
            m_pq.clear(result);
        }
        return m_error;
    }

private:
    Error lost()
    {
        finish();
        const QString why =
                m_error.value_or(QString::fromUtf8(m_pq.errorMessage(m_conn)).trimmed());
        qCWarning(lcServer) << "the first sync's COPY failed:" << why;
        return Error::unavailable(
                FirstSync::tr("The server stopped sending the salon's book during the first "
                              "sync (%1). Nothing was changed on this PC; try again.")
                        .arg(why));
    }

    // entity, id, version, deleted, payload; tab-separated, newline-ended.
    static bool parse(const char *from, const char *to, PulledRow &row)
    {
        if (to > from && to[-1] == '\n')
            --to;
        const char *fields[6];
        int count = 0;
        fields[count++] = from;
        for (const char *c = from; c < to && count < 6; ++c) {
            if (*c == '\t')
                fields[count++] = c + 1;
        }
        if (count != 5)
            return false;
        fields[5] = to + 1;
        auto field = [&](int i) {
            return unescaped(fields[i], fields[i + 1] - 1);
        };
        if (!entityFromName(QString::fromUtf8(field(0)), &row.entity))
            return false;
        row.id = QString::fromUtf8(field(1));
        bool ok = false;
        row.version = field(2).toLongLong(&ok);
        row.deleted = fields[3][0] == 't';
        const bool isNull =
                fields[5] - 1 - fields[4] == 2 && fields[4][0] == '\\' && fields[4][1] == 'N';
        row.payload = isNull ? QByteArray() : field(4);
        return ok;
    }

    const LibPq &m_pq;
    PGconn *m_conn;
    qint64 m_rows = 0;
    bool m_ended = false;
    bool m_finished = false;
    std::optional<QString> m_error;
};

Error serverError(const QSqlQuery &query, const QString &doing)
{
    return ServerConnection::queryError(query.lastError(), doing);
}

} // namespace

Result<FirstSyncSummary> FirstSync::run(Store &store, ServerConnection &server,
                                        std::function<void(qint64, qint64)> progress)
{
    const Result<std::optional<ServerLink>> link = store.serverLink();
    if (!link)
        return link.error();
    if (!*link)
        return Error::invalid(tr("This PC has not joined a salon's server; join one first "
                                 "(“chairside-cli join CODE”)."));
    const QString salonId = (*link)->salonId;
    if (const Result<int> schema = server.requireSchema(requiredSchema); !schema)
        return schema.error();
    const Result<pg_conn *> conn = server.libpqConnection();
    if (!conn)
        return conn.error();
    const LibPq &pq = *LibPq::get(); // there when the connection is

    QElapsedTimer timer;
    timer.start();
    QSqlDatabase &db = server.database();
    const QString reading = tr("reading the salon's book from the server");
    if (!db.transaction())
        return ServerConnection::queryError(db.lastError(), reading);
    // Whatever happens, the server transaction ends (it only read).
    auto endTransaction = qScopeGuard([&db] {
        if (db.isOpen())
            db.rollback();
    });

    FirstSyncSummary summary;
    qint64 total = 0;
    {
        // One snapshot for the head, the count and the rows: the cursor then
        // covers exactly the rows received.
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, "
                                       "READ ONLY")))
            return serverError(query, reading);
        // Behind the shared pool, book_head($1) puts the device key in the
        // transaction, for the count and the COPY after it.
        const Result<QList<QByteArrayList>> head = server.run(
                server.keyed(QByteArrayLiteral("SELECT epoch::text, version FROM book_head()"),
                             QByteArrayLiteral("SELECT epoch::text, version FROM book_head($1)")),
                server.withKey({}), reading);
        if (!head)
            return head.error();
        if (head->isEmpty())
            return Error::storage(tr("The server did not say where the salon's book stands."));
        summary.epoch = QString::fromLatin1(head->constFirst().value(0));
        summary.cursor = head->constFirst().value(1).toLongLong();
        if (!query.exec(countSql) || !query.next())
            return serverError(query, reading);
        total = query.value(0).toLongLong();
    }
    if (progress)
        progress(0, total);

    PGresult *started = pq.exec(*conn, copySql);
    const bool copying = pq.resultStatus(started) == PGRES_COPY_OUT;
    const QString refused = QString::fromUtf8(pq.resultErrorMessage(started)).trimmed();
    pq.clear(started);
    if (!copying)
        return Error::unavailable(
                tr("The server refused to send the salon's book: %1").arg(refused));

    CopyReader reader(pq, *conn);
    const Result<Store::ServerBookCounts> stored = store.replaceWithServerBook(
            salonId, summary.epoch, summary.cursor, [&](PulledRow &row) -> Result<bool> {
                const Result<bool> more = reader.next(row);
                if (progress && more && (!*more || reader.rows() % progressEvery == 0))
                    progress(reader.rows(), std::max(total, reader.rows()));
                return more;
            });
    reader.finish(); // before QPSQL uses the connection again
    if (!stored)
        return stored.error();
    summary.received = reader.rows();
    summary.written = stored->written;
    summary.keptLocal = stored->keptLocal;
    qCInfo(lcServer) << "first sync:" << summary.received << "rows received," << summary.written
                     << "written," << summary.keptLocal << "kept, cursor" << summary.cursor << "in"
                     << timer.elapsed() << "ms";
    return summary;
}

} // namespace chairside
