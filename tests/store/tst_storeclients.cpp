#include "testsupport.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace chairside;
using namespace chairside::testsupport;

class TestStoreClients : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TempStore> m_temp;

    QStringList names(const QString &search, int limit = -1,
                      const QString &salonId = QStringLiteral("salon-1"))
    {
        QStringList result;
        const QList<Client> clients = VALUE_OF(m_temp->store().clients(salonId, search, limit), {});
        for (const Client &c : clients)
            result.append(c.name);
        return result;
    }

private slots:
    void initTestCase()
    {
        m_temp = std::make_unique<TempStore>();
        QVERIFY(m_temp->isValid());
        TestData data(QStringLiteral("salon-1"));
        data.addClient(QStringLiteral("Ann Lee"), QStringLiteral("07700 900123"));
        data.addClient(QStringLiteral("Joanne Park"), QStringLiteral("+44 (0)20 7946-0018"));
        data.addClient(QStringLiteral("Zoë Ångström"), QStringLiteral("020 7946 0999"));
        data.addClient(QStringLiteral("ÉMILE Dubois"), QString());
        data.addClient(QStringLiteral("100% Hair_Care Ltd"), QStringLiteral("0161 496 0000"));
        data.addClient(QStringLiteral("李小龍"), QStringLiteral("+852 5555 1234"));
        QVERIFY(data.saveTo(m_temp->store()));
        // Same names in another salon must never show up in salon-1.
        TestData other(QStringLiteral("salon-2"));
        other.addClient(QStringLiteral("Ann Other"), QStringLiteral("07700 900123"));
        QVERIFY(other.saveTo(m_temp->store()));
    }

    void search_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<QStringList>("expected");
        const QString ann = QStringLiteral("Ann Lee");
        const QString joanne = QStringLiteral("Joanne Park");
        const QString zoe = QStringLiteral("Zoë Ångström");
        const QString emile = QStringLiteral("ÉMILE Dubois");
        const QString percent = QStringLiteral("100% Hair_Care Ltd");
        const QString bruce = QStringLiteral("李小龍");
        // Sorted by folded name.
        QTest::addRow("empty: everyone")
                << QString() << QStringList{percent, ann, emile, joanne, zoe, bruce};
        QTest::addRow("spaces only: everyone")
                << QStringLiteral("   ") << QStringList{percent, ann, emile, joanne, zoe, bruce};
        QTest::addRow("part of a name") << QStringLiteral("ann") << QStringList{ann, joanne};
        QTest::addRow("upper case") << QStringLiteral("ANN LEE") << QStringList{ann};
        QTest::addRow("extra spaces") << QStringLiteral("  ann   lee ") << QStringList{ann};
        QTest::addRow("surname") << QStringLiteral("park") << QStringList{joanne};
        QTest::addRow("without accents") << QStringLiteral("zoe angstrom") << QStringList{zoe};
        QTest::addRow("with accents") << QStringLiteral("Ångström") << QStringList{zoe};
        QTest::addRow("capital accented") << QStringLiteral("emile") << QStringList{emile};
        QTest::addRow("CJK") << QStringLiteral("小龍") << QStringList{bruce};
        QTest::addRow("phone digits") << QStringLiteral("07700900123") << QStringList{ann};
        QTest::addRow("phone as typed") << QStringLiteral("07700 900 123") << QStringList{ann};
        QTest::addRow("phone with punctuation")
                << QStringLiteral("(020) 7946-0018") << QStringList{joanne};
        QTest::addRow("part of a phone") << QStringLiteral("7946") << QStringList{joanne, zoe};
        QTest::addRow("international prefix") << QStringLiteral("+852") << QStringList{bruce};
        QTest::newRow("LIKE wildcards are literal: %")
                << QStringLiteral("%") << QStringList{percent};
        QTest::newRow("LIKE wildcards are literal: _")
                << QStringLiteral("_") << QStringList{percent};
        QTest::newRow("digits inside a name search")
                << QStringLiteral("100%") << QStringList{percent};
        QTest::addRow("capitals, accents left out") << QStringLiteral("ANGSTR") << QStringList{zoe};
        QTest::addRow("accented capitals") << QStringLiteral("ÉMIL") << QStringList{emile};
        QTest::addRow("phone with spaces anywhere")
                << QStringLiteral("0 77 009 0") << QStringList{ann};
        QTest::addRow("phone across its spaces") << QStringLiteral("946 00") << QStringList{joanne};
        QTest::addRow("two letters") << QStringLiteral("ÅN") << QStringList{ann, joanne, zoe};
        QTest::addRow("no match") << QStringLiteral("nobody") << QStringList{};
        QTest::addRow("letters never match phones") << QStringLiteral("lee 0770") << QStringList{};
    }

    void search()
    {
        QFETCH(QString, search);
        QFETCH(QStringList, expected);
        QCOMPARE(names(search), expected);
    }

    void limitAndSalon()
    {
        QCOMPARE(names(QString(), 2).size(), 2);
        QCOMPARE(names(QStringLiteral("ann"), 1), QStringList{QStringLiteral("Ann Lee")});
        QCOMPARE(names(QStringLiteral("ann"), -1, QStringLiteral("salon-2")),
                 QStringList{QStringLiteral("Ann Other")});
        QCOMPARE(names(QStringLiteral("ann"), -1, QStringLiteral("salon-3")), QStringList{});
    }

    void searchFollowsEdits()
    {
        Client ann = *VALUE_OF(m_temp->store().client(QStringLiteral("client-1")));
        ann.name = QStringLiteral("Ann Lee-Smith");
        ann.phone = QStringLiteral("07700 111222");
        QVERIFY(m_temp->store().save(ann).ok());
        QCOMPARE(names(QStringLiteral("smith")), QStringList{ann.name});
        QCOMPARE(names(QStringLiteral("111 222")), QStringList{ann.name});
        QCOMPARE(names(QStringLiteral("900123")), QStringList{});
    }

    // The search index (FTS5's trigram tokenizer, migration 6) must be in
    // the SQLite that Qt's driver uses here.
    void sqliteHasTheTrigramIndex()
    {
        {
            QSqlDatabase db =
                    QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fts"));
            db.setDatabaseName(QStringLiteral(":memory:"));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("SELECT sqlite_version()")) && query.next());
            qInfo() << "SQLite" << query.value(0).toString();
            QStringList options;
            QVERIFY(query.exec(QStringLiteral("PRAGMA compile_options")));
            while (query.next())
                options.append(query.value(0).toString());
            QVERIFY2(options.contains(QStringLiteral("ENABLE_FTS5")),
                     qPrintable(options.join(QLatin1Char(' '))));
            QVERIFY(query.exec(
                    QStringLiteral("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'trigram')")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("fts"));
    }

    // Every write reaches the index: added, renamed, removed, and a salon
    // removed with its clients.
    void searchIndexFollowsEveryWrite()
    {
        TempStore temp;
        QVERIFY(temp.isValid());
        TestData data(QStringLiteral("salon-9"));
        Client &jo =
                data.addClient(QStringLiteral("Jo \"JJ\" Smythe"), QStringLiteral("0113 496 0123"));
        QVERIFY(data.saveTo(temp.store()));
        const auto found = [&temp](const QString &search) {
            QStringList ids;
            for (const Client &c :
                 VALUE_OF(temp->clients(QStringLiteral("salon-9"), search), QStringList()))
                ids.append(c.id);
            return ids;
        };
        QCOMPARE(found(QStringLiteral("\"jj\"")), QStringList{jo.id});
        QCOMPARE(found(QStringLiteral("smyth")), QStringList{jo.id});

        jo.name = QStringLiteral("Joanna Smith");
        jo.phone = QStringLiteral("0113 496 0999");
        QVERIFY(temp->save(jo).ok());
        QCOMPARE(found(QStringLiteral("smyth")), QStringList{});
        QCOMPARE(found(QStringLiteral("4960123")), QStringList{});
        QCOMPARE(found(QStringLiteral("joanna")), QStringList{jo.id});
        QCOMPARE(found(QStringLiteral("4960999")), QStringList{jo.id});

        QVERIFY(temp->remove(Entity::Client, jo.id).ok());
        QCOMPARE(found(QStringLiteral("joanna")), QStringList{});

        const Client again = data.addClient(QStringLiteral("Joanna Smith"));
        QVERIFY(temp->save(again).ok());
        QCOMPARE(found(QStringLiteral("joanna")), QStringList{again.id});
        QVERIFY(temp->remove(Entity::Salon, QStringLiteral("salon-9")).ok());
        QCOMPARE(found(QStringLiteral("joanna")), QStringList{});
    }

    // Few matches are read through the index, many by walking the names in
    // order: either way the first ones by name, and all of them without a limit.
    void manyOrFewMatchesInNameOrder_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<int>("matching");
        QTest::addRow("every client") << QStringLiteral("guest") << 1000;
        QTest::addRow("a hundred") << QStringLiteral("guest 07") << 100;
        QTest::addRow("ten") << QStringLiteral("guest 077") << 10;
        QTest::addRow("one") << QStringLiteral("guest 0777") << 1;
    }

    void manyOrFewMatchesInNameOrder()
    {
        QFETCH(QString, search);
        QFETCH(int, matching);
        TempStore temp;
        QVERIFY(temp.isValid());
        TestData data(QStringLiteral("salon-8"));
        QStringList expected;
        // Written out of name order, so an answer in rowid order would show.
        for (int i = 999; i >= 0; --i) {
            const QString name = QStringLiteral("Guest %1").arg(i, 4, 10, QLatin1Char('0'));
            data.addClient(name);
            if (name.contains(search, Qt::CaseInsensitive))
                expected.prepend(name);
        }
        QCOMPARE(expected.size(), matching);
        QVERIFY(temp->insertAll(data.contents(), false).ok());
        const auto names = [&](int limit) {
            QStringList list;
            for (const Client &c :
                 VALUE_OF(temp->clients(QStringLiteral("salon-8"), search, limit), QStringList()))
                list.append(c.name);
            return list;
        };
        QCOMPARE(names(5), expected.mid(0, 5));
        QCOMPARE(names(-1), expected);
    }

    // One read for a day's clients: those of the ids that exist (any salon),
    // each once, whatever the ids' order, repeats or unknown ones.
    void manyById()
    {
        Store &store = m_temp->store();
        QHash<QString, QString> nameOf;
        for (const QString &salonId : {QStringLiteral("salon-1"), QStringLiteral("salon-2")}) {
            for (const Client &c : VALUE_OF(store.clients(salonId)))
                nameOf.insert(c.id, c.name);
        }
        QCOMPARE(nameOf.size(), 7);
        QStringList ids = nameOf.keys();
        std::sort(ids.begin(), ids.end(), std::greater<>());
        const QStringList asked = ids.mid(0, 5) + QStringList{ids.at(1), QStringLiteral("no-such")};
        QHash<QString, QString> found;
        for (const Client &c : VALUE_OF(store.clientsWithIds(asked))) {
            QVERIFY2(!found.contains(c.id), qPrintable(c.id));
            found.insert(c.id, c.name);
        }
        QHash<QString, QString> expected;
        for (const QString &id : ids.mid(0, 5))
            expected.insert(id, nameOf.value(id));
        QCOMPARE(found, expected);
        QVERIFY(VALUE_OF(store.clientsWithIds({})).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestStoreClients)
#include "tst_storeclients.moc"
