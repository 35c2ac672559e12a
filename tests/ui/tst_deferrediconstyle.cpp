// The app's style with the menu bar's extension icon made when first drawn
// (ui/deferrediconstyle.h): not made for a start, and the same pixels once
// it is.

#include "deferrediconstyle.h"

#include <QApplication>
#include <QImage>
#include <QMenuBar>
#include <QStyleFactory>
#include <QStyleOption>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace chairside;

class TestDeferredIconStyle : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void menuBarExtensionIconWaits();
    void madeIconIsTheStyles_data();
    void madeIconIsTheStyles();
    void otherIconsAsTheStyleMakesThem();

private:
    std::unique_ptr<QStyle> m_plain; // the same style, undeferred
};

void TestDeferredIconStyle::initTestCase()
{
    const QString key = QApplication::style()->name();
    QApplication::setStyle(new DeferredIconStyle(key));
    m_plain.reset(QStyleFactory::create(key));
    QVERIFY(m_plain);
}

void TestDeferredIconStyle::menuBarExtensionIconWaits()
{
    QMenuBar bar;
    QToolButton *extension = nullptr;
    for (QToolButton *button : bar.findChildren<QToolButton *>())
        extension = button; // QMenuBar's one child button
    QVERIFY(extension);
    QVERIFY(DeferredIconStyle::isDeferred(extension->icon()));
    QVERIFY(!extension->icon().isNull()); // asked without making it
    QVERIFY(DeferredIconStyle::isDeferred(extension->icon()));
}

void TestDeferredIconStyle::madeIconIsTheStyles_data()
{
    QTest::addColumn<int>("icon");
    QTest::addColumn<int>("direction");
    QTest::addRow("horizontal") << int(QStyle::SP_ToolBarHorizontalExtensionButton)
                                << int(Qt::LeftToRight);
    QTest::addRow("horizontal, right to left")
            << int(QStyle::SP_ToolBarHorizontalExtensionButton) << int(Qt::RightToLeft);
    QTest::addRow("vertical") << int(QStyle::SP_ToolBarVerticalExtensionButton)
                              << int(Qt::LeftToRight);
}

void TestDeferredIconStyle::madeIconIsTheStyles()
{
    QFETCH(int, icon);
    QFETCH(int, direction);
    const auto which = QStyle::StandardPixmap(icon);
    QStyleOption option;
    option.direction = Qt::LayoutDirection(direction);
    const QIcon deferred = QApplication::style()->standardIcon(which, &option);
    QVERIFY(DeferredIconStyle::isDeferred(deferred));
    const QIcon plain = m_plain->standardIcon(which, &option);
    for (const int side : {8, 16, 32}) {
        const QImage made = deferred.pixmap(side).toImage();
        QVERIFY(!made.isNull());
        QCOMPARE(made, plain.pixmap(side).toImage());
    }
    QVERIFY(!DeferredIconStyle::isDeferred(deferred));
}

void TestDeferredIconStyle::otherIconsAsTheStyleMakesThem()
{
    const QIcon warning = QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    QVERIFY(!DeferredIconStyle::isDeferred(warning));
    QCOMPARE(warning.pixmap(32).toImage(),
             m_plain->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(32).toImage());
}

QTEST_MAIN(TestDeferredIconStyle)
#include "tst_deferrediconstyle.moc"
