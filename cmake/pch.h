// The Qt and standard headers most files include, compiled once
// (CHAIRSIDE_PCH in CMakeLists.txt; docs/building.md says why).
// Only headers of Qt Core and Qt Sql: every target links those, and the
// precompiled header is only used where the defines it was made with hold.
#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QTimeZone>
#include <QUrl>
#include <QVariant>
#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
