#pragma once

#include <QLoggingCategory>

// chairside.auth: providers, ports, outcomes and error codes only. Never
// tokens, authorization codes, verifiers, state values or a person's data.
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
