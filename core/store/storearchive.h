#pragma once

#include "domain/error.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace chairside {

// The whole store as one JSON document (what `export` writes and `import`
// and the desktop's restore read): every row in the domain types' own JSON,
// sorted by id so the same store always gives the same bytes.
//
// Reading accepts only what it can write back unchanged: every field of
// every row present, of its type, in range, with no field it does not know,
// then the rules the store applies to every save and the references between
// rows. A document with any problem is refused whole, naming the first
// problems and where they are ("resources[2].count: …").
class StoreArchive
{
    Q_DECLARE_TR_FUNCTIONS(StoreArchive)
public:
    // Version 2 added services' rebookWeeks and needsPatchTest, salons'
    // patchTestMinHours and patchTestMaxDays, appointments' cancelReason.
    // A version 1 document is still read, each row taking the value those
    // fields had before they existed; it is then written as version 2.
    static constexpr int formatVersion = 2;
    static constexpr int oldestFormatVersion = 1;

    static QJsonObject toJson(const StoreContents &contents);
    // The document `export` writes: indented UTF-8 JSON.
    static QByteArray toDocument(const StoreContents &contents);
    static Result<StoreContents> fromJson(const QByteArray &document);
    // An export file: read whole and checked as fromJson() does (a file
    // larger than any salon's book is refused unread), or written in one
    // piece (QSaveFile: a failed write leaves the old file as it was).
    static Result<StoreContents> readFile(const QString &path);
    static Result<void> writeFile(const StoreContents &contents, const QString &path);
    static bool isEmpty(const StoreContents &contents);
};

} // namespace chairside
