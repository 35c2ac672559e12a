#include "libpq.h"

#include "logging.h"

#include <QLibrary>

#include <memory>
#include <type_traits>

namespace chairside {

namespace {

std::unique_ptr<LibPq> load()
{
    // The soname QPSQL links (libpq5); loaded already once QPSQL has connected.
    QLibrary library(QStringLiteral("pq"), 5);
    if (!library.load()) {
        qCWarning(lcServer) << "libpq could not be loaded:" << library.errorString();
        return nullptr;
    }
    auto pq = std::make_unique<LibPq>();
    bool found = true;
    auto resolve = [&](auto &function, const char *name) {
        function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(
                library.resolve(name));
        if (!function) {
            qCWarning(lcServer) << "libpq has no" << name;
            found = false;
        }
    };
    resolve(pq->status, "PQstatus");
    resolve(pq->errorMessage, "PQerrorMessage");
    resolve(pq->exec, "PQexec");
    resolve(pq->execParams, "PQexecParams");
    resolve(pq->resultStatus, "PQresultStatus");
    resolve(pq->resultErrorMessage, "PQresultErrorMessage");
    resolve(pq->resultErrorField, "PQresultErrorField");
    resolve(pq->ntuples, "PQntuples");
    resolve(pq->nfields, "PQnfields");
    resolve(pq->getisnull, "PQgetisnull");
    resolve(pq->getvalue, "PQgetvalue");
    resolve(pq->getlength, "PQgetlength");
    resolve(pq->getResult, "PQgetResult");
    resolve(pq->clear, "PQclear");
    resolve(pq->getCopyData, "PQgetCopyData");
    resolve(pq->getCancel, "PQgetCancel");
    resolve(pq->cancel, "PQcancel");
    resolve(pq->freeCancel, "PQfreeCancel");
    resolve(pq->freemem, "PQfreemem");
    resolve(pq->encryptPasswordConn, "PQencryptPasswordConn");
    resolve(pq->socket, "PQsocket");
    resolve(pq->consumeInput, "PQconsumeInput");
    resolve(pq->notifies, "PQnotifies");
    // The library stays loaded (QLibrary does not unload on destruction).
    return found ? std::move(pq) : nullptr;
}

} // namespace

const LibPq *LibPq::get()
{
    static const std::unique_ptr<LibPq> pq = load();
    return pq.get();
}

} // namespace chairside
