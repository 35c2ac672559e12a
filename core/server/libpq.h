#pragma once

#include <libpq-fe.h>

namespace chairside {

// The libpq functions Chairside calls itself (COPY, PQexecParams, password
// verifiers), found at run time rather than linked: libpq and what it pulls
// in (GnuTLS, LDAP, SASL, Kerberos) cost a bare Qt window's start again
// (docs/desktop.md, "Starting"), and every start paid it for a server that
// is only reached later, by the sync. The calls all work on QPSQL's own
// connection, so by then the QPSQL plugin has loaded libpq and this finds it.
struct LibPq
{
    decltype(&::PQstatus) status = nullptr;
    decltype(&::PQerrorMessage) errorMessage = nullptr;
    decltype(&::PQexec) exec = nullptr;
    decltype(&::PQexecParams) execParams = nullptr;
    decltype(&::PQresultStatus) resultStatus = nullptr;
    decltype(&::PQresultErrorMessage) resultErrorMessage = nullptr;
    decltype(&::PQresultErrorField) resultErrorField = nullptr;
    decltype(&::PQntuples) ntuples = nullptr;
    decltype(&::PQnfields) nfields = nullptr;
    decltype(&::PQgetisnull) getisnull = nullptr;
    decltype(&::PQgetvalue) getvalue = nullptr;
    decltype(&::PQgetlength) getlength = nullptr;
    decltype(&::PQgetResult) getResult = nullptr;
    decltype(&::PQclear) clear = nullptr;
    decltype(&::PQgetCopyData) getCopyData = nullptr;
    decltype(&::PQgetCancel) getCancel = nullptr;
    decltype(&::PQcancel) cancel = nullptr;
    decltype(&::PQfreeCancel) freeCancel = nullptr;
    decltype(&::PQfreemem) freemem = nullptr;
    decltype(&::PQencryptPasswordConn) encryptPasswordConn = nullptr;
    // The sync engine's LISTEN wake-ups.
    decltype(&::PQsocket) socket = nullptr;
    decltype(&::PQconsumeInput) consumeInput = nullptr;
    decltype(&::PQnotifies) notifies = nullptr;

    // The functions, loaded once; null (and a warning logged) when libpq
    // or one of them cannot be found.
    static const LibPq *get();
};

} // namespace chairside
