#include "testsupport.h"

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
        const QList<Client> clients = m_temp->store().clients(salonId, search, limit);
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
        Client ann = *m_temp->store().client(QStringLiteral("client-1"));
        ann.name = QStringLiteral("Ann Lee-Smith");
        ann.phone = QStringLiteral("07700 111222");
        QVERIFY(m_temp->store().save(ann).ok());
        QCOMPARE(names(QStringLiteral("smith")), QStringList{ann.name});
        QCOMPARE(names(QStringLiteral("111 222")), QStringList{ann.name});
        QCOMPARE(names(QStringLiteral("900123")), QStringList{});
    }
};

QTEST_GUILESS_MAIN(TestStoreClients)
#include "tst_storeclients.moc"
