#pragma once

#include <QLoggingCategory>

// Chairside's logging categories, one per module, so a user can turn on one
// area ("QT_LOGGING_RULES=chairside.store.debug=true"). Each logs info and
// above by default; debug lines (one per redraw, per query) stay off unless
// asked for.
//
// What each may say: ids, counts, ports, outcomes and error codes. Never
// tokens, authorization codes, verifiers, state values, passwords, or a
// client's personal data (names, phones, e-mail, notes).

Q_DECLARE_LOGGING_CATEGORY(lcAuth)       // chairside.auth: sign-in and calendar accounts
Q_DECLARE_LOGGING_CATEGORY(lcBooking)    // chairside.booking: the booking service
Q_DECLARE_LOGGING_CATEGORY(lcCli)        // chairside.cli: chairside-cli
Q_DECLARE_LOGGING_CATEGORY(lcScheduling) // chairside.scheduling: schedules and slots
Q_DECLARE_LOGGING_CATEGORY(lcServer)     // chairside.server: the salon server's database
Q_DECLARE_LOGGING_CATEGORY(lcStore)      // chairside.store: the local SQLite store
Q_DECLARE_LOGGING_CATEGORY(lcSync)       // chairside.sync: pushing and pulling the shared book
Q_DECLARE_LOGGING_CATEGORY(lcUi)         // chairside.ui: the window
