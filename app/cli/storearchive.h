#pragma once

#include "domain/error.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace chairside::cli {

// The whole store as one JSON document (what `export` writes and `import`
// reads): every row in the domain types' own JSON, sorted by id so the same
// store always gives the same bytes. Reading checks the document fully —
// shape, ids, references, times — before anything is written.
class StoreArchive
{
    Q_DECLARE_TR_FUNCTIONS(chairside)
public:
    static constexpr int formatVersion = 1;

    static QJsonObject toJson(const StoreContents &contents);
    static Result<StoreContents> fromJson(const QByteArray &document);
    static bool isEmpty(const StoreContents &contents);
};

} // namespace chairside::cli
