#pragma once

#include <QApplication>
#include <QTimer>
#include <QWidget>

#include <functional>

namespace chairside::testsupport {

// Answers the next modal dialog as soon as it is shown: `answer` gets it.
// (A modal dialog's exec() blocks the test, so the answer is queued first.)
inline void whenModal(std::function<void(QWidget *)> answer)
{
    QTimer::singleShot(0, [answer] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal) {
            whenModal(answer); // not up yet
            return;
        }
        answer(modal);
    });
}

} // namespace chairside::testsupport
