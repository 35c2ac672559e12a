#pragma once

#include <QLabel>

namespace chairside {

// The sentence under a field that says what is wrong with it, in a red that
// reads on light and dark palettes alike. Hidden while there is nothing to say.
class FieldError : public QLabel
{
    Q_OBJECT
public:
    explicit FieldError(QWidget *parent = nullptr);

    void setError(const QString &message);
    void clearError() { setError(QString()); }

protected:
    void changeEvent(QEvent *event) override;

private:
    void recolour();

    bool m_recolouring = false;
};

} // namespace chairside
