// The export format: export → import → export gives the same document for
// any store, and a document is either refused (naming where) or read back
// exactly as written. Mutations of real exports probe the second rule.

#include "testsupport.h"

#include "demo/demosalon.h"
#include "store/storearchive.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <functional>

using namespace chairside;
using namespace chairside::testsupport;

namespace {

StoreContents demo(quint32 seed, int stylists, int clients, int appointments)
{
    DemoSalon::Options options;
    options.seed = seed;
    options.stylists = stylists;
    options.clients = clients;
    options.appointments = appointments;
    options.today = QDate(2026, 12, 1);
    return DemoSalon::generate(options);
}

// What a store holding `document` exports, or the reason it was refused.
Result<QByteArray> restoreAndExport(const QByteArray &document)
{
    const Result<StoreContents> contents = StoreArchive::fromJson(document);
    if (!contents)
        return contents.error();
    TempStore store;
    if (!store.isValid())
        return Error::storage(store.errorString());
    if (const Result<void> written = store->replaceAll(*contents, true); !written)
        return written.error();
    const Result<StoreContents> restored = store->contents();
    if (!restored)
        return restored.error();
    return StoreArchive::toDocument(*restored);
}

QJsonObject parse(const QByteArray &document)
{
    return QJsonDocument::fromJson(document).object();
}

// The document with each table in id order: the order of rows is not part
// of a backup (export sorts them), their contents are.
QJsonObject rowsInIdOrder(QJsonObject document)
{
    for (auto it = document.begin(); it != document.end(); ++it) {
        if (!it.value().isArray())
            continue;
        QJsonArray rows = it.value().toArray();
        QList<QJsonValue> list(rows.begin(), rows.end());
        std::stable_sort(list.begin(), list.end(), [](const QJsonValue &a, const QJsonValue &b) {
            return a[QLatin1String("id")].toString() < b[QLatin1String("id")].toString();
        });
        QJsonArray sorted;
        for (const QJsonValue &row : list)
            sorted.append(row);
        it.value() = sorted;
    }
    return document;
}

// The values a field is replaced with: every JSON type, and numbers and
// texts at and beyond the edges of any range.
QList<QPair<QString, QJsonValue>> replacements()
{
    return {{QStringLiteral("text"), QStringLiteral("6")},
            {QStringLiteral("empty text"), QString()},
            {QStringLiteral("words"), QStringLiteral("not a value")},
            {QStringLiteral("zero"), 0},
            {QStringLiteral("minus one"), -1},
            {QStringLiteral("a half"), 0.5},
            {QStringLiteral("1e12"), 1e12},
            {QStringLiteral("-1e12"), -1e12},
            {QStringLiteral("2^31"), 2147483648.0},
            {QStringLiteral("true"), true},
            {QStringLiteral("false"), false},
            {QStringLiteral("null"), QJsonValue()},
            {QStringLiteral("list"), QJsonArray{1, 2}},
            {QStringLiteral("empty list"), QJsonArray()},
            {QStringLiteral("object"), QJsonObject{{QStringLiteral("a"), 1}}},
            {QStringLiteral("year 0001"), QStringLiteral("0001-01-01T00:00:00Z")},
            {QStringLiteral("far future"), QStringLiteral("9999-12-31T23:59:59Z")},
            {QStringLiteral("offset"), QStringLiteral("2026-12-01T11:00:00+01:00")},
            {QStringLiteral("a date"), QStringLiteral("2026-12-01")},
            {QStringLiteral("upper case"), QStringLiteral("BOOKED")}};
}

// Calls `visit` for every value inside `value`, with its path.
void forEachValue(QJsonValue value, const QString &path,
                  const std::function<void(const QString &, const QJsonValue &)> &visit)
{
    visit(path, value);
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            forEachValue(it.value(), path + QLatin1Char('.') + it.key(), visit);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            forEachValue(array.at(i), QStringLiteral("%1[%2]").arg(path).arg(i), visit);
    }
}

// `value` with `change` made at `path` (".a[2].b" style, from forEachValue).
QJsonValue changedAt(const QJsonValue &value, QStringView path,
                     const std::function<QJsonValue(const QJsonValue &)> &change)
{
    if (path.isEmpty())
        return change(value);
    if (path.startsWith(QLatin1Char('.'))) {
        const qsizetype end = [&] {
            for (qsizetype i = 1; i < path.size(); ++i) {
                if (path.at(i) == QLatin1Char('.') || path.at(i) == QLatin1Char('['))
                    return i;
            }
            return path.size();
        }();
        const QString key = path.mid(1, end - 1).toString();
        QJsonObject object = value.toObject();
        const QJsonValue inner = changedAt(object.value(key), path.mid(end), change);
        if (inner.isUndefined())
            object.remove(key);
        else
            object.insert(key, inner);
        return object;
    }
    const qsizetype close = path.indexOf(QLatin1Char(']'));
    const int index = path.mid(1, close - 1).toInt();
    QJsonArray array = value.toArray();
    array.replace(index, changedAt(array.at(index), path.mid(close + 1), change));
    return array;
}

} // namespace

class TestStoreArchive : public QObject
{
    Q_OBJECT

private slots:
    void exportImportExportIsTheSame_data();
    void exportImportExportIsTheSame();
    void mutatedExportsAreRefusedOrReadBackExactly();
    void refusalNamesWhere_data();
    void refusalNamesWhere();
    void versionOneExportStillRestores();
    void versionOneExportWithNewerFieldsIsRefused_data();
    void versionOneExportWithNewerFieldsIsRefused();
};

void TestStoreArchive::exportImportExportIsTheSame_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("stylists");
    QTest::addColumn<int>("clients");
    QTest::addColumn<int>("appointments");
    QTest::addRow("tiny, seed 1") << 1u << 1 << 1 << 1;
    QTest::addRow("small, seed 2") << 2u << 3 << 20 << 40;
    QTest::addRow("small, seed 3") << 3u << 3 << 20 << 40;
    QTest::addRow("default, seed 4") << 4u << 6 << 300 << 400;
    QTest::addRow("default, seed 5") << 5u << 6 << 300 << 400;
    QTest::addRow("large, seed 6") << 6u << 20 << 2000 << 5000;
}

void TestStoreArchive::exportImportExportIsTheSame()
{
    QFETCH(quint32, seed);
    QFETCH(int, stylists);
    QFETCH(int, clients);
    QFETCH(int, appointments);

    TempStore original;
    QVERIFY2(original.isValid(), qPrintable(original.errorString()));
    const Result<void> written =
            original->insertAll(demo(seed, stylists, clients, appointments), false);
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message));
    const QByteArray first = StoreArchive::toDocument(VALUE_OF(original->contents()));
    const Result<QByteArray> second = restoreAndExport(first);
    QVERIFY2(second.ok(), qPrintable(second.ok() ? QString() : second.error().message));
    QCOMPARE(*second, first);
}

void TestStoreArchive::mutatedExportsAreRefusedOrReadBackExactly()
{
    // A small salon with every kind of row, the first row of each table mutated.
    TempStore source;
    QVERIFY(source.isValid());
    StoreContents contents = demo(7, 3, 30, 60);
    QVERIFY(!contents.shifts.isEmpty() && !contents.appointments.isEmpty()
            && !contents.timeOff.isEmpty() && !contents.waitlist.isEmpty()
            && !contents.shiftExceptions.isEmpty() && !contents.standingAppointments.isEmpty());
    QVERIFY(source->insertAll(contents, false).ok());
    const QJsonObject original = parse(StoreArchive::toDocument(VALUE_OF(source->contents())));

    const QStringList tables = {QStringLiteral("salons"),
                                QStringLiteral("staff"),
                                QStringLiteral("services"),
                                QStringLiteral("resources"),
                                QStringLiteral("clients"),
                                QStringLiteral("shifts"),
                                QStringLiteral("shiftExceptions"),
                                QStringLiteral("timeOff"),
                                QStringLiteral("standingAppointments"),
                                QStringLiteral("appointments"),
                                QStringLiteral("waitlist")};
    int fields = 0;

    // The mutated documents themselves, built from the paths above.
    QList<QPair<QString, QJsonObject>> documents;
    for (const QString &table : tables) {
        const QJsonArray rows = original.value(table).toArray();
        const QString rowPath = QStringLiteral(".%1[0]").arg(table);
        forEachValue(rows.at(0), rowPath, [&](const QString &path, const QJsonValue &value) {
            ++fields;
            auto mutate = [&](const QString &what,
                              const std::function<QJsonValue(const QJsonValue &)> &change) {
                documents.append({path + what, changedAt(original, path, change).toObject()});
            };
            if (path != rowPath)
                mutate(QStringLiteral(" removed"),
                       [](const QJsonValue &) { return QJsonValue(QJsonValue::Undefined); });
            for (const auto &[name, replacement] : replacements()) {
                if (replacement != value)
                    mutate(QStringLiteral(" = ") + name,
                           [r = replacement](const QJsonValue &) { return r; });
            }
            if (value.isObject())
                mutate(QStringLiteral(" + extra field"), [](const QJsonValue &v) {
                    QJsonObject object = v.toObject();
                    object.insert(QStringLiteral("extra"), 1);
                    return QJsonValue(object);
                });
            if (value.isArray() && !value.toArray().isEmpty())
                mutate(QStringLiteral(" first entry repeated"), [](const QJsonValue &v) {
                    QJsonArray array = v.toArray();
                    array.append(array.first());
                    return QJsonValue(array);
                });
        });
        // The row twice: a duplicated id.
        documents.append({rowPath + QStringLiteral(" repeated"),
                          changedAt(original, QStringLiteral(".") + table, [](const QJsonValue &v) {
                              QJsonArray array = v.toArray();
                              array.append(array.first());
                              return QJsonValue(array);
                          }).toObject()});
        documents.append({QStringLiteral(".") + table + QStringLiteral(" removed"),
                          changedAt(original, QStringLiteral(".") + table, [](const QJsonValue &) {
                              return QJsonValue(QJsonValue::Undefined);
                          }).toObject()});
    }
    documents.append({QStringLiteral(". + extra table"), [&] {
                          QJsonObject document = original;
                          document.insert(QStringLiteral("invoices"), QJsonArray());
                          return document;
                      }()});

    int refused = 0;
    QStringList readBackDifferent;
    for (const auto &[what, document] : std::as_const(documents)) {
        const QByteArray bytes = QJsonDocument(document).toJson();
        const Result<QByteArray> restored = restoreAndExport(bytes);
        if (!restored) {
            ++refused;
            QVERIFY2(restored.error().code == Error::Code::Invalid,
                     qPrintable(what + QStringLiteral(": ") + restored.error().message));
            continue;
        }
        if (rowsInIdOrder(parse(*restored)) != rowsInIdOrder(parse(bytes)))
            readBackDifferent.append(what);
    }
    qInfo("%d fields, %lld mutated exports, %d refused, %lld accepted", fields,
          qlonglong(documents.size()), refused, qlonglong(documents.size() - refused));
    QVERIFY2(readBackDifferent.isEmpty(),
             qPrintable(QStringLiteral("accepted, then read back different: ")
                        + readBackDifferent.join(QStringLiteral(", "))));
    // Most changes break the document; the rest are other valid values.
    QVERIFY(refused > documents.size() * 3 / 4);
}

void TestStoreArchive::refusalNamesWhere_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("message");

    QTest::addRow("six chairs as text") << ".resources[0].count" << QJsonValue(QStringLiteral("6"))
                                        << "resources[0].count: should be a number, not text";
    QTest::addRow("shift start as text")
            << ".shifts[0].startMinute" << QJsonValue(QStringLiteral("540"))
            << "shifts[0].startMinute: should be a number, not text";
    QTest::addRow("shift start 1e12") << ".shifts[0].startMinute" << QJsonValue(1e12)
                                      << "shifts[0].startMinute: is out of range";
    QTest::addRow("client name a number") << ".clients[0].name" << QJsonValue(42)
                                          << "clients[0].name: should be text, not a number";
    QTest::addRow("negative deposit")
            << ".appointments[0].depositCents" << QJsonValue(-500) << "negative deposit";
    QTest::addRow("instant in year 0001")
            << ".appointments[0].createdAt" << QJsonValue(QStringLiteral("0001-01-01T00:00:00Z"))
            << "no calendar shows";
    QTest::addRow("instant as a number") << ".timeOff[0].startsAt" << QJsonValue(1e15)
                                         << "timeOff[0].startsAt: should be a time in UTC";
    QTest::addRow("status in capitals")
            << ".appointments[0].status" << QJsonValue(QStringLiteral("Booked"))
            << "appointments[0].status: should be one of booked";
    QTest::addRow("unknown field") << ".clients[0].nickname" << QJsonValue(QStringLiteral("Al"))
                                   << "clients[0].nickname: is not a field Chairside knows";
    QTest::addRow("missing field") << ".clients[0].phone" << QJsonValue(QJsonValue::Undefined)
                                   << "clients[0].phone: is missing";
    QTest::addRow("visit start that is not its services'")
            << ".appointments[0].startsAt" << QJsonValue(QStringLiteral("2020-01-01T00:00:00Z"))
            << "appointments[0].startsAt: does not match the times of its services";
    QTest::addRow("zero chairs") << ".resources[0].count" << QJsonValue(0)
                                 << "count outside 1 to 1000";
    QTest::addRow("rebook in 53 weeks")
            << ".services[0].rebookWeeks" << QJsonValue(53) << "rebooking outside 0 to 52 weeks";
    QTest::addRow("rebook in -1 weeks")
            << ".services[0].rebookWeeks" << QJsonValue(-1) << "rebooking outside 0 to 52 weeks";
    QTest::addRow("patch test needed as text")
            << ".services[0].needsPatchTest" << QJsonValue(QStringLiteral("yes"))
            << "services[0].needsPatchTest: should be true or false, not text";
    QTest::addRow("patch test 721 hours before")
            << ".salons[0].patchTestMinHours" << QJsonValue(721) << "outside 0 to 720 hours";
    QTest::addRow("patch test valid 0 days")
            << ".salons[0].patchTestMaxDays" << QJsonValue(0) << "other than 1 to 3650 days";
    QTest::addRow("no patch-test window")
            << ".salons[0].patchTestMaxDays" << QJsonValue(QJsonValue::Undefined)
            << "salons[0].patchTestMaxDays: is missing";
    QTest::addRow("cancel reason as a number")
            << ".appointments[0].cancelReason" << QJsonValue(1)
            << "appointments[0].cancelReason: should be text, not a number";
}

void TestStoreArchive::refusalNamesWhere()
{
    QFETCH(QString, path);
    QFETCH(QJsonValue, value);
    QFETCH(QString, message);

    StoreContents contents = demo(8, 3, 30, 60);
    QVERIFY(!contents.timeOff.isEmpty());
    const QJsonObject original = StoreArchive::toJson(contents);
    const QJsonObject changed =
            changedAt(original, path, [&](const QJsonValue &) { return value; }).toObject();
    const Result<StoreContents> read = StoreArchive::fromJson(QJsonDocument(changed).toJson());
    QVERIFY(!read.ok());
    QCOMPARE(read.error().code, Error::Code::Invalid);
    QVERIFY2(read.error().message.contains(message), qPrintable(read.error().message));
    QVERIFY(!read.error().message.contains(QLatin1Char('\n')));
}

namespace {

// `document` as Chairside wrote it before version 2: without the fields
// version 2 added.
QJsonObject asVersionOne(QJsonObject document)
{
    document.insert(QStringLiteral("version"), 1);
    const QList<QPair<QString, QStringList>> added = {
            {QStringLiteral("salons"),
             {QStringLiteral("patchTestMinHours"), QStringLiteral("patchTestMaxDays")}},
            {QStringLiteral("services"),
             {QStringLiteral("rebookWeeks"), QStringLiteral("needsPatchTest")}},
            {QStringLiteral("appointments"), {QStringLiteral("cancelReason")}}};
    for (const auto &[table, keys] : added) {
        QJsonArray rows = document.value(table).toArray();
        for (qsizetype i = 0; i < rows.size(); ++i) {
            QJsonObject row = rows.at(i).toObject();
            for (const QString &key : keys)
                row.remove(key);
            rows.replace(i, row);
        }
        document.insert(table, rows);
    }
    return document;
}

} // namespace

// Yesterday's backup restores: a version 1 export reads as if each row had
// the new fields' values from before they existed, and is written back as
// version 2.
void TestStoreArchive::versionOneExportStillRestores()
{
    StoreContents contents = demo(9, 3, 30, 60);
    for (Service &service : contents.services) {
        service.rebookWeeks = 0;
        service.needsPatchTest = false;
    }
    for (Appointment &appointment : contents.appointments)
        appointment.cancelReason.clear();
    contents.salons[0].patchTestMinHours = 48;
    contents.salons[0].patchTestMaxDays = 183;
    TempStore original;
    QVERIFY(original.isValid());
    QVERIFY(original->insertAll(contents, false).ok());
    const QByteArray current = StoreArchive::toDocument(VALUE_OF(original->contents()));
    QCOMPARE(parse(current).value(QStringLiteral("version")).toInt(), StoreArchive::formatVersion);
    const QByteArray old = QJsonDocument(asVersionOne(parse(current))).toJson();
    QVERIFY(!old.contains("rebookWeeks") && !old.contains("cancelReason"));

    const Result<QByteArray> restored = restoreAndExport(old);
    QVERIFY2(restored.ok(), qPrintable(restored.ok() ? QString() : restored.error().message));
    QCOMPARE(*restored, current);
}

void TestStoreArchive::versionOneExportWithNewerFieldsIsRefused_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("message");
    QTest::addRow("a version 1 service with rebookWeeks")
            << ".services[0].rebookWeeks" << QJsonValue(6)
            << "services[0].rebookWeeks: is not part of a version 1 export";
    QTest::addRow("a version 1 visit with a cancel reason")
            << ".appointments[0].cancelReason" << QJsonValue(QString())
            << "appointments[0].cancelReason: is not part of a version 1 export";
    QTest::addRow("a version 1 salon with a broken field")
            << ".salons[0].timeZone" << QJsonValue(3)
            << "salons[0].timeZone: should be text, not a number";
    QTest::addRow("version 3") << ".version" << QJsonValue(3) << "of version 3";
    QTest::addRow("version 1.5") << ".version" << QJsonValue(1.5) << "of version 1.5";
    QTest::addRow("version as text")
            << ".version" << QJsonValue(QStringLiteral("1")) << "reads versions 1 to 2";
}

void TestStoreArchive::versionOneExportWithNewerFieldsIsRefused()
{
    QFETCH(QString, path);
    QFETCH(QJsonValue, value);
    QFETCH(QString, message);
    const QJsonObject old = asVersionOne(StoreArchive::toJson(demo(9, 3, 30, 60)));
    const QJsonObject changed =
            changedAt(old, path, [&](const QJsonValue &) { return value; }).toObject();
    const Result<StoreContents> read = StoreArchive::fromJson(QJsonDocument(changed).toJson());
    QVERIFY(!read.ok());
    QCOMPARE(read.error().code, Error::Code::Invalid);
    QVERIFY2(read.error().message.contains(message), qPrintable(read.error().message));
}

QTEST_GUILESS_MAIN(TestStoreArchive)
#include "tst_storearchive.moc"
