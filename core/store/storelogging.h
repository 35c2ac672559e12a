#pragma once

#include <QLoggingCategory>

// chairside.store: ids, counts and SQLite errors only, never a client's
// personal data.
Q_DECLARE_LOGGING_CATEGORY(lcStore)
