#include "logging.h"

Q_LOGGING_CATEGORY(lcAuth, "chairside.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcBooking, "chairside.booking", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCli, "chairside.cli", QtInfoMsg)
Q_LOGGING_CATEGORY(lcScheduling, "chairside.scheduling", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServer, "chairside.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "chairside.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSync, "chairside.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "chairside.ui", QtInfoMsg)
